//! The plan's checks: what each field accepts, and how each refusal reads.

use super::*;

const MACHINE: Machine = Machine {
    pool_threads: 16,
    cores: 2,
    threaded: true,
};

fn input(scenario: &str, secs: &str) -> PlanInput {
    PlanInput {
        scenario: Some(scenario.into()),
        secs: Some(split_list(secs)),
        ..PlanInput::default()
    }
}

fn secs(plan: &Plan) -> Vec<&Secs> {
    plan.args
        .iter()
        .filter_map(|arg| match arg {
            Arg::Secs(secs) => Some(secs),
            Arg::Image(_) | Arg::Compute { .. } => None,
        })
        .collect()
}

fn error(input: &PlanInput) -> String {
    Plan::parse(input, MACHINE).unwrap_err().to_string()
}

#[test]
fn secs_are_read_as_a_python_list_or_comma_separated() {
    for text in ["[5, 4, 3, 2, 1]", "5,4,3,2,1", " 5, 4 ,3,2 ,1 "] {
        let plan = Plan::parse(&input("pool_map", text), MACHINE).unwrap();
        let secs: Vec<f64> = secs(&plan).iter().map(|s| s.secs).collect();
        assert_eq!(secs, [5.0, 4.0, 3.0, 2.0, 1.0], "{text}");
    }
}

#[test]
fn a_bad_item_is_named_by_its_python_index() {
    assert_eq!(
        error(&input("threads", "1, 2, 3, abc")),
        r#"secs[3]: "abc" is not a number"#
    );
    assert!(error(&input("threads", "1, -2")).starts_with("secs[1]: -2 is negative"));
    assert!(error(&input("threads", "1, 61")).starts_with("secs[1]: 61 s is longer"));
    assert!(error(&input("threads", "NaN")).starts_with("secs[0]:"));
    assert!(error(&input("threads", "inf")).starts_with("secs[0]:"));
    assert_eq!(
        error(&input("threads", "[]")),
        "secs: the list is empty; give at least one number"
    );
}

#[test]
fn numbers_keep_the_form_python_prints() {
    let plan = Plan::parse(&input("pool_map", "2, 1.5, 0.10, 3.0"), MACHINE).unwrap();
    let texts: Vec<&str> = secs(&plan).iter().map(|s| s.text.as_str()).collect();
    assert_eq!(texts, ["2", "1.5", "0.1", "3.0"]);
}

#[test]
fn an_unknown_scenario_lists_the_known_ones() {
    let message = error(&input("pool", "1"));
    assert!(message.starts_with(r#"scenario: "pool" is not one of sequential, "#));
    assert!(message.contains("pool_as_completed"));
}

#[test]
fn missing_secs_take_the_lessons_numbers() {
    let plan = Plan::parse(
        &PlanInput {
            scenario: Some("pool_as_completed".into()),
            ..PlanInput::default()
        },
        MACHINE,
    )
    .unwrap();
    let secs: Vec<&str> = secs(&plan).iter().map(|s| s.text.as_str()).collect();
    assert_eq!(secs, ["5", "4", "3", "2", "1"]);
}

#[test]
fn default_max_workers_is_pythons_capped_by_the_pool() {
    let plan = Plan::parse(&input("pool_map", "1"), MACHINE).unwrap();
    assert_eq!(
        (plan.max_workers, plan.workers),
        (6, Workers::PythonDefault)
    );

    let big = Machine {
        pool_threads: 8,
        cores: 16,
        threaded: true,
    };
    let plan = Plan::parse(&input("pool_map", "1"), big).unwrap();
    assert_eq!(plan.max_workers, 7);
    assert_eq!(plan.workers, Workers::CappedByPool { python_default: 20 });
}

#[test]
fn max_workers_is_checked_against_the_pool() {
    let mut plan = input("pool_submit", "1,2");
    plan.workers = Some("0".into());
    assert!(error(&plan).starts_with("workers: max_workers must be greater than 0"));
    plan.workers = Some("x".into());
    assert_eq!(error(&plan), r#"workers: "x" is not a whole number"#);
    plan.workers = Some("16".into());
    assert!(error(&plan).contains("threads=17"), "{}", error(&plan));
    plan.workers = Some("15".into());
    assert_eq!(Plan::parse(&plan, MACHINE).unwrap().max_workers, 15);
}

fn images(urls: &[&str]) -> PlanInput {
    PlanInput {
        scenario: Some("pool_map".into()),
        images: Some(urls.iter().map(|u| (*u).to_owned()).collect()),
        ..PlanInput::default()
    }
}

#[test]
fn images_are_checked_one_line_at_a_time() {
    let plan = Plan::parse(&images(&["https://example.com/a/paw-1394447.jpg"]), MACHINE).unwrap();
    assert!(matches!(&plan.args[0], Arg::Image(image) if image.name == "paw-1394447.jpg"));
    assert_eq!(
        error(&images(&[
            "https://example.com/a.jpg",
            "javascript:alert(1)"
        ])),
        r#"images[1] (line 2): "javascript:alert(1)" is not an http(s) or relative URL"#
    );
    assert_eq!(
        error(&images(&[])),
        "images: the list is empty; give at least one URL"
    );
    let many = vec!["https://example.com/a.jpg"; MAX_IMAGES + 1];
    assert!(error(&images(&many)).contains("(100)"));
    let mut both = images(&["https://example.com/a.jpg"]);
    both.secs = Some(vec!["1".into()]);
    assert_eq!(error(&both), "secs: give one list: secs, images or compute");
}

#[test]
fn compute_takes_whole_numbers_within_the_limit() {
    let mut plan = input("threads", "");
    plan.secs = None;
    plan.compute = Some(split_list("1_000_000, 200"));
    let checked = Plan::parse(&plan, MACHINE).unwrap();
    assert_eq!(
        checked.args,
        [Arg::Compute { n: 1_000_000 }, Arg::Compute { n: 200 }]
    );
    plan.compute = Some(split_list("5, 1.5"));
    assert_eq!(error(&plan), r#"compute[1]: "1.5" is not a whole number"#);
    plan.compute = Some(split_list("99999999"));
    assert!(error(&plan).starts_with("compute[0]: 99999999 is more than"));
    let single = Machine {
        threaded: false,
        ..MACHINE
    };
    plan.compute = Some(split_list("4000000, 4000000"));
    assert!(Plan::parse(&plan, single)
        .unwrap_err()
        .to_string()
        .contains("no threads here"));
    plan.scenario = Some("async".into());
    plan.compute = Some(split_list("5"));
    assert!(error(&plan).starts_with("compute: asyncio runs every coroutine"));
}

#[test]
fn asyncio_needs_one_pool_thread_whatever_its_coroutines() {
    let many = ["1"; 40].join(",");
    let plan = Plan::parse(&input("async", &many), MACHINE).unwrap();
    assert_eq!(plan.threads_needed, 1);
}

#[test]
fn a_count_run_as_python_gets_the_python_deadline_not_the_rust_one() {
    let counts = PlanInput {
        scenario: Some("threads".into()),
        compute: Some(split_list("2000000, 2000000")),
        code: Some("print(1)".into()),
        ..PlanInput::default()
    };
    let plan = Plan::parse(&counts, MACHINE).unwrap();
    assert_eq!(plan.deadline_ms, PYTHON_DEADLINE_MS);
    assert_eq!(plan.args.len(), 2);
    let sleeps = PlanInput {
        code: Some("print(1)".into()),
        ..input("threads", "1, 2")
    };
    assert_eq!(
        Plan::parse(&sleeps, MACHINE).unwrap().deadline_ms,
        3_000.0 * 1.5 + 10_000.0
    );
}

#[test]
fn the_deadline_is_far_beyond_the_slowest_honest_run() {
    let plan = Plan::parse(&input("sequential", "5, 5"), MACHINE).unwrap();
    assert_eq!(plan.deadline_ms, 10_000.0 * 1.5 + 10_000.0);
    let downloads = Plan::parse(&images(&["https://example.com/a.jpg"]), MACHINE).unwrap();
    assert!(downloads.deadline_ms > 60_000.0);
}

#[test]
fn a_listing_with_its_code_is_checked_as_the_listing_and_runs_the_code() {
    let with_code = |scenario: &str| PlanInput {
        code: Some("import time\n".into()),
        ..input(scenario, "0.5, 0.2")
    };
    let sequential = Plan::parse(&with_code("sequential"), MACHINE).unwrap();
    assert_eq!(sequential.scenario, Scenario::Sequential);
    assert_eq!(sequential.args.len(), 2);
    assert_eq!(sequential.code.as_deref(), Some("import time\n"));
    // Its main thread's calls of `sleep` are tasks.
    assert_eq!(sequential.task_function.as_deref(), Some("sleep"));
    // asyncio's loop is the interpreter's main thread: a thread of the pool.
    let asyncio = Plan::parse(&with_code("async"), MACHINE).unwrap();
    assert_eq!((asyncio.threads_needed, asyncio.task_function), (1, None));
    // The listing's own checks still hold.
    let bad = PlanInput {
        code: Some("pass".into()),
        ..input("threads", "1, x")
    };
    assert_eq!(Plan::parse(&bad, MACHINE).unwrap_err().place, "secs[1]");
}

#[test]
fn listings_without_a_pool_ignore_max_workers() {
    let mut plan = input("threads", "1");
    plan.workers = Some("junk".into());
    assert!(Plan::parse(&plan, MACHINE).is_ok());
}

#[test]
fn threads_beyond_the_pool_are_refused_with_the_fix() {
    let many = ["1"; 16].join(",");
    let message = error(&input("threads", &many));
    assert!(message.contains("threads=17"), "{message}");
    // One at a time needs only two threads, however many tasks.
    assert!(Plan::parse(&input("threads_join_in_loop", &many), MACHINE).is_ok());
    // A pool runs max_workers at once, whatever the number of tasks.
    assert!(Plan::parse(&input("pool_as_completed", &many), MACHINE).is_ok());
}

#[test]
fn limits_are_stated_in_the_error() {
    let many = vec!["0"; MAX_TASKS + 1].join(",");
    assert!(error(&input("pool_map", &many)).contains("10000"));
    let long = ["60"; 11].join(",");
    assert!(error(&input("pool_map", &long)).contains("600"));
}

#[test]
fn a_huge_bad_item_is_shortened_in_the_message() {
    let junk = "x".repeat(10_000);
    assert!(error(&input("threads", &junk)).len() < 100);
}
