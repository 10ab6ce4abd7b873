//! A Python program's run is recorded as the lesson's listings are: a task per
//! thread started and per future submitted, each thread's line as it waits, the
//! output with its stream, and the exception the program ended on.

#![allow(clippy::unwrap_used, clippy::panic)] // a test stops loudly

mod common;

use potoki::python::{run_recorded, run_recorded_on, Options};
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
fn stop_interrupts_a_join_even_when_the_joined_thread_ends_because_of_it() {
    // Stop wakes the sleeping thread, which ends and lets go of what `join()` waits
    // for: the main thread still gets its KeyboardInterrupt, as Ctrl-C gives it.
    let source = "\
import threading, time
from concurrent.futures import ThreadPoolExecutor
t = threading.Thread(target=time.sleep, args=(5,))
t.start()
with ThreadPoolExecutor(2) as ex:
    ex.map(time.sleep, [5, 5])
t.join()
print('after join')
";
    for _ in 0..5 {
        let options = Options {
            time_limit_ms: Some(100.0),
            ..Options::default()
        };
        let run = run_recorded(source, options);
        assert_eq!(run.output.stdout, "", "{}", run.output.stderr);
        assert_eq!(run.record.error.unwrap().kind, "KeyboardInterrupt");
        assert!(run.record.cancelled);
    }
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

#[test]
fn a_download_by_requests_is_its_tasks_download_with_status_size_and_times() {
    // The lesson's download_one_image on a pool, over the pretend network: each
    // future's task has its download, as the listings' tasks have theirs.
    let code = "\
import concurrent.futures, os, requests
os.makedirs('pics', exist_ok=True)
def download_one_image(image_url):
    img_name = image_url.split('/')[-1].split('?')[0]
    r = requests.get(image_url)
    with open(f'./pics/{img_name}', 'wb') as i:
        i.write(r.content)
    print(f'{img_name} was downloaded')
images = ['http://fake/paw.jpg?delay=200', 'http://fake/doggy.jpg?delay=50', 'http://fake/gone.jpg?status=404']
with concurrent.futures.ThreadPoolExecutor(max_workers=3) as executor:
    executor.map(download_one_image, images)
r = requests.get('http://fake/main.jpg')
print(r.status_code, len(r.content))
";
    let run = run_recorded_on(
        std::sync::Arc::new(common::FakeNet),
        code,
        Options::default(),
    );
    assert_eq!(run.output.stderr, "");
    let mut said: Vec<&str> = run.output.stdout.lines().collect();
    said.sort_unstable();
    assert_eq!(
        said,
        [
            "200 6",
            "doggy.jpg was downloaded",
            "gone.jpg was downloaded",
            "paw.jpg was downloaded"
        ]
    );
    // A task per future; the main thread's own get() belongs to no task.
    assert_eq!(run.record.tasks.len(), 3);
    for (task, (name, status)) in
        run.record
            .tasks
            .iter()
            .zip([("paw.jpg", 200), ("doggy.jpg", 200), ("gone.jpg", 404)])
    {
        let download = task.download.as_ref().unwrap_or_else(|| panic!("{task:?}"));
        assert_eq!((download.name.as_str(), download.status), (name, status));
        assert_eq!(download.bytes, 6);
        let (started, finished) = (task.started_ms.unwrap(), task.finished_ms.unwrap());
        assert!(started <= download.sent_ms, "{task:?}");
        assert!(download.sent_ms <= download.first_byte_ms, "{task:?}");
        assert!(download.first_byte_ms <= download.last_byte_ms, "{task:?}");
        assert!(download.last_byte_ms <= finished, "{task:?}");
    }
    let paw = &run.record.tasks[0];
    let waited = paw
        .download
        .as_ref()
        .map_or(0.0, |d| d.last_byte_ms - d.sent_ms);
    assert!(
        waited >= 190.0,
        "the pretend server answers paw.jpg after 200 ms: {waited}"
    );
    // And each is an event of its own.
    let downloaded = run
        .events
        .iter()
        .filter(|e| matches!(e, Event::Downloaded { .. }))
        .count();
    assert_eq!(downloaded, 3);
}

#[test]
fn calls_of_the_task_function_on_the_main_thread_are_tasks_returned_or_raised() {
    // The listing `sequential` calls its task function on the main thread: each call
    // is a task, as a thread's or a future's is, on MainThread and delivered at once.
    let code = "\
import threading
def work(n):
    if n == 2:
        raise ValueError('two')
    return n * 10
print(work(1))
try:
    work(2)
except ValueError as e:
    print('caught', e)
try:
    work()
except TypeError:
    print('no n')
t = threading.Thread(target=work, args=[3])
t.start()
t.join()
";
    let options = Options {
        task_function: Some("work"),
        ..Options::default()
    };
    let run = run_recorded(code, options);
    assert_eq!(run.output.stdout, "10\ncaught two\nno n\n");
    let tasks: Vec<(&str, Option<&str>, Option<&Outcome>, bool)> = run
        .record
        .tasks
        .iter()
        .map(|t| {
            (
                t.call.as_str(),
                t.thread_name.as_deref(),
                t.outcome.as_ref(),
                t.delivered_ms.is_some(),
            )
        })
        .collect();
    let (ten, two, missing) = (
        Outcome::Ok(Some("10".into())),
        Outcome::Error("ValueError: two".into()),
        Outcome::Error("TypeError: work() missing 1 required positional argument: 'n'".into()),
    );
    assert_eq!(
        tasks,
        [
            ("work(1)", Some("MainThread"), Some(&ten), true),
            ("work(2)", Some("MainThread"), Some(&two), true),
            ("work()", Some("MainThread"), Some(&missing), true),
            // The thread is the task (a thread's result is run()'s: None); its call
            // of work inside it is no second one.
            (
                "work(3)",
                Some("Thread-1 (work)"),
                Some(&Outcome::Ok(None)),
                true
            ),
        ]
    );
    for task in &run.record.tasks[..3] {
        let (start, end) = (task.started_ms.unwrap(), task.finished_ms.unwrap());
        assert!(
            task.submitted_ms.unwrap() <= start && start <= end,
            "{task:?}"
        );
    }
}

#[test]
fn the_async_download_listing_overlaps_its_gets_on_one_thread_each_its_tasks_download() {
    // The lesson's aiohttp coroutine, word for word: the three GETs wait at once, so
    // the run takes the slowest one's time, and each coroutine's task has its download.
    let code = "\
import asyncio
import time
import aiohttp

async def _download_one_image(image_url):
    img_name = image_url.split('/')[-1]
    async with aiohttp.ClientSession() as session:
        async with session.get(image_url) as r:
            await r.read()
    return f\"{img_name} was downloaded\"

images = ['http://fake/paw.jpg?delay=300', 'http://fake/doggy.jpg?delay=100', 'http://fake/swan.jpg?delay=200']

async def main():
    start = time.perf_counter()
    tasks = [asyncio.create_task(_download_one_image(img)) for img in images]
    for coro in asyncio.as_completed(tasks):
        print(await coro)
    finish = time.perf_counter()
    print(f\"it took: {round(finish-start, 1)} sec.\")

asyncio.run(main())
";
    let run = run_recorded_on(
        std::sync::Arc::new(common::FakeNet),
        code,
        Options::default(),
    );
    assert_eq!(run.output.stderr, "");
    let lines: Vec<&str> = run.output.stdout.lines().collect();
    assert_eq!(
        lines[..3],
        [
            "doggy.jpg?delay=100 was downloaded",
            "swan.jpg?delay=200 was downloaded",
            "paw.jpg?delay=300 was downloaded"
        ]
    );
    // 0.3 s, not the 0.6 s of one GET after another (a loaded machine adds a little).
    assert!(
        ["it took: 0.3 sec.", "it took: 0.4 sec."].contains(&lines[3]),
        "{lines:?}"
    );
    let tasks = &run.record.tasks;
    assert_eq!(
        tasks.len(),
        3,
        "a task per coroutine, none for the helper threads: {tasks:?}"
    );
    for task in tasks {
        assert_eq!(task.thread_name.as_deref(), Some("MainThread"), "{task:?}");
        let download = task.download.as_ref().unwrap_or_else(|| panic!("{task:?}"));
        assert_eq!((download.status, download.bytes), (200, 6));
        assert!(task.call.contains(&download.url), "{task:?}");
    }
}

#[test]
fn an_aiohttp_get_that_fails_raises_aiohttps_errors() {
    let code = "\
import asyncio, aiohttp

async def main():
    async with aiohttp.ClientSession() as session:
        r = await session.get('http://fake/gone.jpg?status=404')
        print(r.status, r.ok)
        try:
            r.raise_for_status()
        except aiohttp.ClientResponseError as e:
            print('ClientResponseError', e.status)
        try:
            await session.get('http://fake/x.jpg?body=neterr')
        except aiohttp.ClientConnectionError as e:
            print('ClientConnectionError:', e)
        try:
            await session.get('http://fake/x.jpg?body=silent')
        except asyncio.TimeoutError:
            print('TimeoutError')
    try:
        session.get('http://fake/late.jpg')
    except RuntimeError as e:
        print(e)

asyncio.run(main())
";
    let run = run_recorded_on(
        std::sync::Arc::new(common::FakeNet),
        code,
        Options::default(),
    );
    assert_eq!(run.output.stderr, "");
    let lines: Vec<&str> = run.output.stdout.lines().collect();
    assert_eq!(lines.len(), 5, "{}", run.output.stdout);
    assert_eq!(lines[..2], ["404 False", "ClientResponseError 404"]);
    // The page's explanation of a failed request (CORS), and the browser's own words.
    assert!(
        lines[2].starts_with("ClientConnectionError: ") && lines[2].contains("CORS"),
        "{}",
        lines[2]
    );
    assert!(lines[2].ends_with("(Failed to fetch)"), "{}", lines[2]);
    assert_eq!(lines[3..], ["TimeoutError", "Session is closed"]);
}

#[test]
fn stop_cancels_every_task_and_a_pools_queued_ones_never_start() {
    // Stop (here the time limit) in a pool of two with four 30 s tasks: the two
    // running are interrupted, the two queued never start, and the record says each
    // was cancelled, as it says of a listing's tasks.
    let code = "\
import concurrent.futures, time
def _sleep(t):
    time.sleep(t)
    return t
with concurrent.futures.ThreadPoolExecutor(max_workers=2) as executor:
    futures = [executor.submit(_sleep, 30) for _ in range(4)]
    for f in futures:
        print(f.result())
";
    let options = Options {
        time_limit_ms: Some(300.0),
        ..Options::default()
    };
    let run = run_recorded(code, options);
    assert!(run.record.cancelled);
    assert!(run.record.wall_ms < 3_000.0, "{}", run.record.wall_ms);
    let tasks = &run.record.tasks;
    assert_eq!(tasks.len(), 4);
    assert_eq!(
        tasks.iter().filter(|t| t.started_ms.is_none()).count(),
        2,
        "{tasks:?}"
    );
    for task in tasks {
        assert!(task.finished_ms.is_some(), "{task:?}");
        assert!(
            matches!(&task.outcome, Some(Outcome::Error(e)) if e.starts_with("CancelledError")),
            "{task:?}"
        );
    }
    // Each task finished once: a Finished event per task.
    let finished = run
        .events
        .iter()
        .filter(|e| matches!(e, Event::Finished { .. }))
        .count();
    assert_eq!(finished, 4);
}

#[test]
fn without_the_gil_threads_beyond_the_cores_count_only_the_time_they_had_a_core() {
    // Twice as many busy threads as cores: each is off its core half the time,
    // and a browser has no per-thread CPU clock to say so.
    let cores = std::thread::available_parallelism().map_or(2, usize::from);
    let source = format!(
        "\
import threading
def count():
    c = 0
    for i in range(400_000):
        c += i % 7
threads = [threading.Thread(target=count) for _ in range({})]
for t in threads:
    t.start()
for t in threads:
    t.join()
",
        cores * 2
    );
    let run = run_recorded(
        &source,
        Options {
            gil: false,
            ..Options::default()
        },
    );
    let record = &run.record;
    let say = format!(
        "cpu {:.0} ms in wall {:.0} ms on {} cores",
        record.cpu_ms, record.wall_ms, record.cores
    );
    assert_eq!(record.cores, cores);
    assert!(
        record.cpu_ms <= record.wall_ms * cores as f64 * 1.15,
        "{say}"
    );
    assert!(record.cpu_ms >= record.wall_ms * 0.5, "{say}");
}
