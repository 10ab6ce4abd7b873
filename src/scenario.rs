//! The lesson's listings, one function each, written to be read beside the Python.
//!
//! Each runs on the program's main thread (a thread of its own, never the page's UI
//! thread) and blocks exactly where the Python blocks: in `join()`, in `result()`,
//! in the `as_completed` loop, at the end of the `with` block.

use crate::concurrent::{as_completed, ThreadPoolExecutor};
use crate::plan::{Plan, Scenario, Secs};
use crate::program::Program;
use crate::record::RunRecord;
use crate::task::{_sleep, sleep, Task, TaskResult};
use crate::threading::Thread;

/// Runs `plan` on the calling thread as the lesson's main thread, waits for every
/// thread it started, and returns the record.
pub fn run(plan: &Plan, p: &Program) -> RunRecord {
    p.recorder().begin();
    let secs = &plan.secs;
    match plan.scenario {
        Scenario::Sequential => sequential(p, secs),
        Scenario::ThreadsNoJoin => threads_no_join(p, secs),
        Scenario::ThreadsJoinInLoop => threads_join_in_loop(p, secs),
        Scenario::Threads => threads(p, secs),
        Scenario::PoolSubmit => pool_submit(p, secs, plan.max_workers),
        Scenario::PoolAsCompleted => pool_as_completed(p, secs, plan.max_workers),
        Scenario::PoolMap => pool_map(p, secs, plan.max_workers),
    }
    p.exit()
}

/// ```python
/// def sleep_several_times(times = 5):
///     for i in range(times):
///         sleep()
/// ```
fn sequential(p: &Program, secs: &[Secs]) {
    let start = p.perf_counter();
    for sec in secs {
        call(p, Task::new(p, sleep(sec)));
    }
    let finish = p.perf_counter();
    p.print_it_took(finish - start);
}

/// ```python
/// for sec in secs:
///     t = threading.Thread(target=sleep, args=[sec])
///     t.start()
/// print(f"it took: {round(finish-start, 2)} sec.")   # 0.0: nobody waited
/// ```
fn threads_no_join(p: &Program, secs: &[Secs]) {
    let start = p.perf_counter();
    for sec in secs {
        let mut t = Thread::new(p, sleep(sec));
        t.start();
    }
    let finish = p.perf_counter();
    p.print_it_took(finish - start);
}

/// ```python
/// for sec in secs:
///     t = threading.Thread(target=sleep, args=[sec])
///     t.start()
///     t.join()
/// ```
fn threads_join_in_loop(p: &Program, secs: &[Secs]) {
    let start = p.perf_counter();
    for sec in secs {
        let mut t = Thread::new(p, sleep(sec));
        t.start();
        t.join();
    }
    let finish = p.perf_counter();
    p.print_it_took(finish - start);
}

/// ```python
/// threads = []
/// for sec in secs:
///     t = threading.Thread(target=sleep, args=[sec])
///     t.start()
///     threads.append(t)
/// for thread in threads:
///     thread.join()
/// ```
fn threads(p: &Program, secs: &[Secs]) {
    let start = p.perf_counter();
    let mut threads = Vec::new();
    for sec in secs {
        let mut t = Thread::new(p, sleep(sec));
        t.start();
        threads.push(t);
    }
    for thread in threads {
        thread.join();
    }
    let finish = p.perf_counter();
    p.print_it_took(finish - start);
}

/// ```python
/// with concurrent.futures.ThreadPoolExecutor() as executor:
///     future_objs = [executor.submit(_sleep, sec) for sec in secs]
///     for result in future_objs:
///         print(result.result())
/// ```
fn pool_submit(p: &Program, secs: &[Secs], max_workers: usize) {
    let start = p.perf_counter();
    ThreadPoolExecutor::with(p, max_workers, |executor| {
        let future_objs: Vec<_> = secs
            .iter()
            .map(|sec| executor.submit(_sleep(sec)))
            .collect();
        for result in future_objs {
            print_result(p, result.result());
        }
    });
    let finish = p.perf_counter();
    p.print_it_took(finish - start);
}

/// ```python
/// with concurrent.futures.ThreadPoolExecutor() as executor:
///     future_objs = [executor.submit(_sleep, sec) for sec in secs]
///     for f in concurrent.futures.as_completed(future_objs):
///         print(f.result())
/// ```
fn pool_as_completed(p: &Program, secs: &[Secs], max_workers: usize) {
    let start = p.perf_counter();
    ThreadPoolExecutor::with(p, max_workers, |executor| {
        let future_objs: Vec<_> = secs
            .iter()
            .map(|sec| executor.submit(_sleep(sec)))
            .collect();
        for f in as_completed(&future_objs) {
            print_result(p, f.result());
        }
    });
    let finish = p.perf_counter();
    p.print_it_took(finish - start);
}

/// ```python
/// with concurrent.futures.ThreadPoolExecutor() as executor:
///     results = executor.map(_sleep, secs)
///     for result in results:
///         print(result)
/// ```
fn pool_map(p: &Program, secs: &[Secs], max_workers: usize) {
    let start = p.perf_counter();
    ThreadPoolExecutor::with(p, max_workers, |executor| {
        let results = executor.map(_sleep, secs);
        for result in results {
            print_result(p, result);
        }
    });
    let finish = p.perf_counter();
    p.print_it_took(finish - start);
}

/// A plain call on the main thread: `sleep()` in `sleep_several_times`.
fn call(p: &Program, task: Task) {
    let index = task.index;
    p.recorder().submitted(index);
    let _ = task.run(p, "MainThread");
    p.recorder().delivered(index);
}

/// `print(f.result())`: the value, or the exception `result()` raised.
fn print_result(p: &Program, result: TaskResult) {
    match result {
        Ok(Some(value)) => p.print(value),
        Ok(None) => p.print("None"),
        Err(error) => p.print(error.message(p)),
    }
}
