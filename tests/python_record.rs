//! A Python program's run is recorded as the lesson's listings are: a task per
//! thread started and per future submitted, each thread's line as it waits, the
//! output with its stream, and the exception the program ended on.

#![allow(clippy::unwrap_used, clippy::panic)] // a test stops loudly

use potoki::python::{run_recorded, Options};
use potoki::runtime::record::{Event, Outcome, Stream};

const TWO_THREADS: &str = "\
import threading, time

def sleep(secs):
    time.sleep(secs)
    print(f'slept {secs}')

threads = [threading.Thread(target=sleep, args=[s]) for s in (0.2, 0.1)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print('done')
";

#[test]
fn each_thread_started_is_a_task_with_its_call_thread_and_times() {
    let run = run_recorded(TWO_THREADS, Options::default());
    assert_eq!(run.output.stdout, "slept 0.1\nslept 0.2\ndone\n");
    let tasks = &run.record.tasks;
    assert_eq!(tasks.len(), 2, "{tasks:?}");
    assert_eq!(tasks[0].call, "sleep(0.2)");
    assert_eq!(tasks[1].call, "sleep(0.1)");
    assert_ne!(tasks[0].thread, tasks[1].thread);
    assert_eq!(tasks[0].thread_name.as_deref(), Some("Thread-1 (sleep)"));
    for task in tasks {
        let (submitted, started, finished, delivered) = (
            task.submitted_ms.unwrap(),
            task.started_ms.unwrap(),
            task.finished_ms.unwrap(),
            task.delivered_ms.unwrap(),
        );
        assert!(submitted <= started && started <= finished && finished <= delivered);
        assert_eq!(task.outcome, Some(Outcome::Ok(None)));
        // Its time was spent sleeping, not running.
        assert!(task.waited_ms >= 90.0, "{task:?}");
        assert!(task.cpu_ms < task.waited_ms, "{task:?}");
    }
    // Both slept at once: the run took about the longer sleep, not the sum.
    assert!(run.record.wall_ms < 290.0, "{}", run.record.wall_ms);
    assert_eq!(run.record.gil, Some(true));
    assert!(run.record.error.is_none());
}

#[test]
fn each_thread_says_its_line_as_it_waits_and_as_it_runs_again() {
    let run = run_recorded(TWO_THREADS, Options::default());
    let main = run.record.main_thread.unwrap();
    let lines: Vec<(u32, usize, bool)> = run
        .events
        .iter()
        .filter_map(|event| match event {
            Event::Line {
                thread,
                line,
                waiting,
                ..
            } => Some((*thread, *line, *waiting)),
            _ => None,
        })
        .collect();
    // The threads wait at `time.sleep(secs)` (line 4), the main thread at `t.join()`.
    for task in &run.record.tasks {
        let thread = task.thread.unwrap();
        assert!(lines.contains(&(thread, 4, true)), "{lines:?}");
        assert!(lines.contains(&(thread, 4, false)), "{lines:?}");
    }
    assert!(lines.contains(&(main, 11, true)), "{lines:?}");
}

#[test]
fn each_future_submitted_is_a_task_delivered_when_its_result_is_taken() {
    let source = "\
from concurrent.futures import ThreadPoolExecutor
import time

def work(n):
    time.sleep(0.05)
    return n * 2

with ThreadPoolExecutor(max_workers=2) as executor:
    futures = [executor.submit(work, n) for n in range(3)]
    print([f.result() for f in futures])
";
    let run = run_recorded(source, Options::default());
    assert_eq!(run.output.stdout, "[0, 2, 4]\n");
    let tasks = &run.record.tasks;
    // The executor's worker threads are not tasks; the futures are.
    assert_eq!(tasks.len(), 3, "{tasks:?}");
    for (n, task) in tasks.iter().enumerate() {
        assert_eq!(task.call, format!("work({n})"));
        assert_eq!(task.outcome, Some(Outcome::Ok(Some((n * 2).to_string()))));
        assert!(task.finished_ms.unwrap() <= task.delivered_ms.unwrap());
        assert!(task
            .thread_name
            .as_deref()
            .unwrap()
            .starts_with("ThreadPoolExecutor-0_"));
    }
    // Two workers for three tasks: the third waited for a free one.
    assert!(
        tasks[2].started_ms.unwrap()
            >= tasks[0]
                .finished_ms
                .unwrap()
                .min(tasks[1].finished_ms.unwrap())
                - 1.0
    );
}

#[test]
fn each_asyncio_task_is_a_task_on_the_main_thread_delivered_when_awaited() {
    let source = "\
import asyncio

async def _sleep(_time=1, *, tag='x'):
    await asyncio.sleep(_time)
    return f'slept {_time} sec.'

async def main():
    tasks = [asyncio.create_task(_sleep(t, tag='t')) for t in (0.2, 0.05, 0.1)]
    for t in tasks:
        print(await t)
    late = asyncio.create_task(_sleep(5))
    await asyncio.sleep(0)
    late.cancel()

asyncio.run(main())
";
    let run = run_recorded(source, Options::default());
    assert_eq!(
        run.output.stdout,
        "slept 0.2 sec.\nslept 0.05 sec.\nslept 0.1 sec.\n"
    );
    let tasks = &run.record.tasks;
    // asyncio.run's main coroutine is not a task, as the main thread is not.
    assert_eq!(tasks.len(), 4, "{tasks:?}");
    let calls: Vec<&str> = tasks.iter().map(|t| t.call.as_str()).collect();
    assert_eq!(
        calls,
        [
            "_sleep(0.2, tag='t')",
            "_sleep(0.05, tag='t')",
            "_sleep(0.1, tag='t')",
            "_sleep(5, tag='x')"
        ]
    );
    for task in &tasks[..3] {
        assert_eq!(task.thread_name.as_deref(), Some("MainThread"));
        let (started, finished) = (task.started_ms.unwrap(), task.finished_ms.unwrap());
        assert!(task.submitted_ms.unwrap() <= started && started <= finished);
        // Delivered when `await t` took it: after it finished.
        assert!(finished <= task.delivered_ms.unwrap());
    }
    // The shortest sleep ends first: the three overlap on one thread.
    assert!(tasks[1].finished_ms.unwrap() < tasks[0].finished_ms.unwrap());
    assert!(tasks[0].finished_ms.unwrap() - tasks[0].started_ms.unwrap() < 400.0);
    // Cancelled, never awaited: finished with CancelledError, not delivered.
    assert_eq!(
        tasks[3].outcome,
        Some(Outcome::Error("CancelledError".into()))
    );
    assert_eq!(tasks[3].delivered_ms, None);
}

#[test]
fn an_uncaught_exception_is_the_records_error_with_its_line_and_traceback() {
    let source = "def ratio(a, b):\n    return a / b\n\nprint('before')\nratio(1, 0)\n";
    let run = run_recorded(source, Options::default());
    let error = run.record.error.unwrap();
    assert_eq!(error.kind, "ZeroDivisionError");
    assert_eq!(error.message, "division by zero");
    assert_eq!(error.line, 2);
    assert!(error
        .traceback
        .starts_with("Traceback (most recent call last):\n"));
    let streams: Vec<(Stream, &str)> = run
        .record
        .output
        .iter()
        .map(|line| (line.stream, line.text.as_str()))
        .collect();
    assert_eq!(streams[0], (Stream::Stdout, "before"));
    assert_eq!(
        streams.last().copied(),
        Some((Stream::Stderr, "ZeroDivisionError: division by zero"))
    );
    assert!(!run.record.cancelled);
}

#[test]
fn a_syntax_error_is_the_records_error_with_its_line() {
    let run = run_recorded("print(1)\nprint(x +)\n", Options::default());
    let error = run.record.error.unwrap();
    assert_eq!(error.kind, "SyntaxError");
    assert_eq!(error.line, 2);
    assert_eq!(
        run.output.stderr,
        "  File \"main.py\", line 2\n    print(x +)\nSyntaxError: invalid syntax\n"
    );
    assert!(run.output.stdout.is_empty());
}

#[test]
fn daemon_threads_end_with_the_program_silently_and_the_run_is_not_stopped() {
    let source = "\
import threading, time
def forever():
    while True:
        time.sleep(0.01)
threading.Thread(target=forever, daemon=True).start()
time.sleep(0.05)
print('main done')
";
    let run = run_recorded(source, Options::default());
    assert_eq!(run.output.stdout, "main done\n");
    assert_eq!(run.output.stderr, "");
    assert!(!run.record.cancelled);
    assert!(run.record.wall_ms < 5_000.0, "{}", run.record.wall_ms);
}

#[test]
fn the_time_limit_stops_a_loop_that_never_ends() {
    let options = Options {
        time_limit_ms: Some(200.0),
        ..Options::default()
    };
    let run = run_recorded("while True:\n    pass\n", options);
    assert_eq!(run.record.error.unwrap().kind, "KeyboardInterrupt");
    assert!(run.record.cancelled);
    assert!(run.record.wall_ms < 2_000.0, "{}", run.record.wall_ms);
}

#[test]
fn with_the_gil_cpu_bound_threads_wait_for_it_and_say_so() {
    let source = "\
import threading
def count():
    c = 0
    for i in range(300_000):
        c += i % 7
threads = [threading.Thread(target=count) for _ in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
";
    let waits = |gil: bool| {
        let run = run_recorded(
            source,
            Options {
                gil,
                ..Options::default()
            },
        );
        run.events
            .iter()
            .filter_map(|event| match event {
                Event::GilWait { waited_ms, .. } => Some(*waited_ms),
                _ => None,
            })
            .collect::<Vec<f64>>()
    };
    let with_gil = waits(true);
    // Two threads taking turns every switch interval (5 ms): many waits, each
    // about an interval long.
    assert!(with_gil.len() >= 4, "{with_gil:?}");
    assert!(with_gil.iter().any(|ms| *ms >= 2.0), "{with_gil:?}");
    assert_eq!(waits(false), Vec::<f64>::new());
}

#[test]
fn the_files_a_program_wrote_are_in_the_record_in_the_order_written_before_the_end() {
    let code = "\
import os, threading
os.makedirs('pics', exist_ok=True)
def save(name, data):
    with open(f'./pics/{name}', 'wb') as f:
        f.write(data)
t = threading.Thread(target=save, args=['paw.jpg', b'\\xff\\xd8\\xff\\xe0' + bytes(96)])
t.start(); t.join()
with open('notes.txt', 'w') as f:
    f.write('first\\n')
with open('notes.txt', 'a') as f:
    f.write('second\\n')
with open('/tmp/gone.txt', 'w') as f:
    f.write('x')
os.remove('/tmp/gone.txt')
with open('/tmp/kept.png', 'wb') as f:
    f.write(b'\\x89PNG\\r\\n\\x1a\\n')
print('saved')
";
    let run = run_recorded(code, Options::default());
    assert_eq!(run.output.stderr, "");
    let files: Vec<(&str, usize, Option<&str>)> = run
        .record
        .files
        .iter()
        .map(|f| (f.path.as_str(), f.bytes, f.image))
        .collect();
    // main.py is not among them: the program never wrote it; a removed file is gone.
    assert_eq!(
        files,
        [
            ("pics/paw.jpg", 100, Some("jpeg")),
            ("notes.txt", 13, None),
            ("/tmp/kept.png", 8, Some("png")),
        ]
    );
    // Each is an event carrying its bytes, after every print and before the end.
    let at = |wanted: fn(&Event) -> bool| run.events.iter().rposition(wanted).unwrap();
    let last_print = at(|e| matches!(e, Event::Print { .. }));
    let first_file = run
        .events
        .iter()
        .position(|e| matches!(e, Event::File { .. }))
        .unwrap();
    assert!(last_print < first_file);
    assert!(at(|e| matches!(e, Event::File { .. })) < at(|e| matches!(e, Event::End { .. })));
    let notes = run.events.iter().find_map(|e| match e {
        Event::File { file, data, .. } if file.path == "notes.txt" => Some(data.clone()),
        _ => None,
    });
    assert_eq!(notes.as_deref(), Some(&b"first\nsecond\n"[..]));
}
