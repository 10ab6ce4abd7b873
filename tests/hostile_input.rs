//! Students type anything and course pages pass anything: the plan's parsers never
//! panic, and every refusal names its place.
#![allow(clippy::unwrap_used, clippy::panic)]

use potoki::runtime::image::{file_name, sniff, Image};
use potoki::runtime::lines::{python_float, quote};
use potoki::runtime::plan::{split_list, Machine, Plan, PlanInput};
use proptest::prelude::*;

const MACHINE: Machine = Machine {
    pool_threads: 16,
    cores: 2,
    threaded: true,
};

const SCENARIOS: &[&str] = &[
    "sequential",
    "threads_no_join",
    "threads_join_in_loop",
    "threads",
    "pool_submit",
    "pool_as_completed",
    "pool_map",
    "async",
    "async_as_completed",
];

/// Anything at all, and things that look almost right.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[0-9., \\[\\]-]{0,40}",
        "[0-9]{1,3}(\\.[0-9]{0,3})?(, ?[0-9]{1,3}(\\.[0-9]{0,3})?){0,12}",
        Just("NaN".to_owned()),
        Just("inf, -0, 1e308, 1e-320".to_owned()),
        Just("<img src=x onerror=alert(1)>".to_owned()),
        Just("javascript:alert(1)".to_owned()),
        "\\PC{0,200}",
    ]
}

fn places_are_named(message: &str) {
    let place = message.split(':').next().unwrap();
    let known = ["scenario", "secs", "images", "compute", "workers", "lang"];
    assert!(
        known.iter().any(|k| place.starts_with(k)),
        "the message does not start with its place: {message}"
    );
    assert!(
        message.len() < 600,
        "a message too long to show: {} chars",
        message.len()
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn any_secs_workers_and_lang_give_a_plan_or_a_placed_error(
        scenario in prop::sample::select(SCENARIOS),
        secs in text(),
        workers in prop::option::of(text()),
        lang in prop::option::of(text()),
    ) {
        let input = PlanInput {
            scenario: Some(scenario.to_owned()),
            secs: Some(split_list(&secs)),
            workers,
            lang,
            ..PlanInput::default()
        };
        match Plan::parse(&input, MACHINE) {
            Ok(plan) => {
                prop_assert!(!plan.args.is_empty());
                prop_assert!(plan.threads_needed <= MACHINE.pool_threads);
                prop_assert!(plan.deadline_ms.is_finite());
            }
            Err(error) => places_are_named(&error.to_string()),
        }
    }

    #[test]
    fn any_scenario_name_is_refused_by_name(scenario in text()) {
        let input = PlanInput { scenario: Some(scenario.clone()), ..PlanInput::default() };
        if let Err(error) = Plan::parse(&input, MACHINE) {
            prop_assert!(error.to_string().starts_with("scenario: "));
        } else {
            prop_assert!(SCENARIOS.contains(&scenario.trim()));
        }
    }

    #[test]
    fn any_image_list_gives_images_or_a_placed_error(lines in prop::collection::vec(text(), 0..20)) {
        let input = PlanInput {
            scenario: Some("pool_map".into()),
            images: Some(lines),
            ..PlanInput::default()
        };
        match Plan::parse(&input, MACHINE) {
            Ok(plan) => {
                for arg in &plan.args {
                    let potoki::runtime::plan::Arg::Image(image) = arg else { panic!("not an image") };
                    let lower = image.url.to_ascii_lowercase();
                    prop_assert!(lower.starts_with("http://") || lower.starts_with("https://"));
                }
            }
            Err(error) => places_are_named(&error.to_string()),
        }
    }

    #[test]
    fn any_compute_list_gives_a_plan_or_a_placed_error(items in text()) {
        let input = PlanInput {
            scenario: Some("threads".into()),
            compute: Some(split_list(&items)),
            ..PlanInput::default()
        };
        if let Err(error) = Plan::parse(&input, MACHINE) {
            places_are_named(&error.to_string());
        }
    }

    #[test]
    fn urls_names_bodies_and_numbers_never_panic(url in text(), body in prop::collection::vec(any::<u8>(), 0..64), x in any::<f64>()) {
        let _ = Image::parse(&url);
        let _ = file_name(&url);
        let _ = sniff(&body, Some(&url));
        let _ = sniff(&body, None);
        let _ = python_float(x);
        let quoted = quote(&url);
        prop_assert!(quoted.starts_with('"') && quoted.ends_with('"'));
        prop_assert!(!quoted.chars().any(|c| c.is_control()));
    }

    #[test]
    fn a_plan_read_back_from_its_own_secs_is_the_same_plan(secs in prop::collection::vec(0u32..6000, 1..30)) {
        // What the page writes into the URL (the numbers as typed) reads back the same.
        let typed: Vec<String> = secs.iter().map(|s| format!("{}.{:02}", s / 100, s % 100)).collect();
        let first = Plan::parse(&PlanInput { scenario: Some("threads_join_in_loop".into()), secs: Some(typed.clone()), ..PlanInput::default() }, MACHINE);
        let again = Plan::parse(&PlanInput { scenario: Some("threads_join_in_loop".into()), secs: Some(split_list(&typed.join(","))), ..PlanInput::default() }, MACHINE);
        prop_assert_eq!(first, again);
    }
}
