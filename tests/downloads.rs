//! The lesson's real example on OS threads, with a pretend network whose URLs say
//! how long to wait and what to answer.
#![allow(clippy::unwrap_used, clippy::panic)]

mod common;

use common::*;
use potoki::runtime::cancel::CancelToken;
use std::sync::Arc;
use std::time::Duration;

#[test]
fn the_lessons_map_prints_each_download_from_its_own_thread() {
    let images = fake_images(4, "delay=150");
    let run = run_plan(&plan_with("pool_map", None, Some(&refs(&images)), Some(4)));
    let mut lines = run.lines();
    let took = lines.pop().unwrap();
    lines.sort_unstable();
    assert_eq!(
        lines,
        [
            "img-0.jpg was downloaded",
            "img-1.jpg was downloaded",
            "img-2.jpg was downloaded",
            "img-3.jpg was downloaded"
        ]
    );
    assert!(took.starts_with("it took: 0.1"), "{took}");
    run.assert_wall_near(150.0);
    assert_eq!(run.threads_used().len(), 4);
    // The lines are printed by the worker threads, not the main one.
    let main = run.record.main_thread.unwrap();
    assert!(run
        .record
        .output
        .iter()
        .filter(|l| l.text.ends_with("downloaded"))
        .all(|l| l.thread != main));
    // Nobody asks for the results: nothing is delivered to the main thread.
    assert!(run.record.tasks.iter().all(|t| t.delivered_ms.is_none()));
}

#[test]
fn one_by_one_the_downloads_add_up() {
    let images = fake_images(4, "delay=100");
    let run = run_plan(&plan_with("sequential", None, Some(&refs(&images)), None));
    run.assert_wall_near(400.0);
    assert_eq!(run.lines()[0], "img-0.jpg was downloaded");
}

#[test]
fn max_workers_bounds_the_downloads_in_flight() {
    let images = fake_images(6, "delay=100");
    let run = run_plan(&plan_with(
        "pool_as_completed",
        None,
        Some(&refs(&images)),
        Some(2),
    ));
    run.assert_wall_near(300.0);
    assert_eq!(run.most_at_once(), 2);
    // A thread is occupied for the whole download: its wait counts as waiting, not CPU.
    assert!(run.record.cpu_ms < 50.0, "cpu {} ms", run.record.cpu_ms);
}

#[test]
fn every_failure_marks_its_own_task_and_the_rest_carry_on() {
    let images = [
        "http://fake/delay=50/ok.jpg",
        "http://fake/status=404/missing.jpg",
        "http://fake/body=html/page.jpg",
        "http://fake/body=neterr/refused.jpg",
        "http://fake/body=huge/huge.jpg",
        "http://fake/body=silent/silent.jpg",
        "http://fake/delay=80/also-ok.jpg",
    ];
    let run = run_plan(&plan_with("pool_submit", None, Some(&images), Some(7)));
    let errors: Vec<Option<String>> = run
        .record
        .tasks
        .iter()
        .map(|t| match &t.outcome {
            Some(potoki::runtime::record::Outcome::Error(message)) => Some(message.clone()),
            _ => None,
        })
        .collect();
    // Each as requests has it: a 404 raises only in `raise_for_status()`; a page
    // that is not an image is still a page (requests does not look at the type);
    // the page's own limits raise with its words.
    assert_eq!(errors[0], None);
    assert_eq!(
        errors[1].as_deref(),
        Some("HTTPError: 404 Client Error: Not Found for url: http://fake/status=404/missing.jpg")
    );
    assert_eq!(errors[2], None);
    assert!(
        errors[3]
            .as_deref()
            .unwrap()
            .starts_with("ConnectionError: сеть недоступна или запрос заблокирован CORS"),
        "{errors:?}"
    );
    assert_eq!(
        errors[4].as_deref(),
        Some("TooLarge: картинка больше 20 MB, чтение остановлено")
    );
    assert_eq!(
        errors[5].as_deref(),
        Some("ReadTimeout: сервер не прислал ни байта за 30 s")
    );
    assert_eq!(errors[6], None);
    // `print(result.result())` in submission order: the first prints, the second
    // raises its HTTPError in the main thread, which ends the program with it (once
    // the `with` block has waited for every download).
    let lines = run.lines();
    assert_eq!(lines[0], "ok.jpg was downloaded");
    assert_eq!(lines[1], "Traceback (most recent call last):");
    assert_eq!(
        *lines.last().unwrap(),
        "HTTPError: 404 Client Error: Not Found for url: http://fake/status=404/missing.jpg"
    );
    let error = run.record.error.as_ref().unwrap();
    assert_eq!((error.kind.as_str(), error.line), ("HTTPError", 8));
    assert!(run.record.tasks.iter().all(|t| t.finished_ms.is_some()));
    // What came back is on the record, even for the 404.
    let missing = run.record.tasks[1].download.as_ref().unwrap();
    assert_eq!(
        (missing.status, missing.name.as_str()),
        (404, "missing.jpg")
    );
    let ok = run.record.tasks[0].download.as_ref().unwrap();
    assert!(ok.sent_ms <= ok.first_byte_ms && ok.first_byte_ms <= ok.last_byte_ms);
    assert!(ok.first_byte_ms - ok.sent_ms >= 49.0);
}

#[test]
fn a_failing_thread_prints_its_exception_as_python_does_and_the_others_go_on() {
    let images = ["http://fake/ok.jpg", "http://fake/body=neterr/refused.jpg"];
    let run = run_plan(&plan_with("threads", None, Some(&images), None));
    let lines = run.lines();
    let from = lines
        .iter()
        .position(|l| *l == "Exception in thread Thread-2 (download_one_image):")
        .unwrap_or_else(|| panic!("{lines:?}"));
    assert_eq!(lines[from + 1], "Traceback (most recent call last):");
    assert!(lines[from..]
        .iter()
        .any(|l| l.starts_with("ConnectionError: сеть недоступна")));
    assert!(lines.contains(&"ok.jpg was downloaded"));
    assert!(lines.last().unwrap().starts_with("it took"));
    // An exception in a thread ends the thread, not the program.
    assert!(run.record.error.is_none());
}

#[test]
fn stop_ends_the_downloads_in_flight() {
    let images = fake_images(3, "delay=10000");
    let plan = plan_with("pool_submit", None, Some(&refs(&images)), Some(2));
    let cancel = CancelToken::new();
    let (program, _) = start(&plan, Arc::new(FakeNet), cancel.clone());
    let main = std::thread::spawn(move || {
        potoki::runtime::sync::block_on(potoki::python::host::run(&plan, &program))
    });
    std::thread::sleep(Duration::from_millis(150));
    cancel.cancel();
    let record = main.join().unwrap();
    assert!(record.wall_ms < 1_500.0, "{} ms", record.wall_ms);
    assert_eq!(
        record
            .tasks
            .iter()
            .filter(|t| t.started_ms.is_none())
            .count(),
        1
    );
}
