//! The lesson's listings, one function each, written to be read beside the Python.
//! `args` is the listing's list: `secs` (seconds to sleep), `images` (URLs) or `ns`;
//! [`target`] is the function the listing hands to its threads (`sleep`,
//! `download_one_image`), [`returning`] the form whose result the main thread prints
//! (`_sleep`).
//!
//! Each runs on the program's main thread (a thread of its own, never the page's UI
//! thread) and waits exactly where the Python blocks: in `join()`, in `result()`,
//! in the `as_completed` loop, at the end of the `with` block. Each of those is an
//! `.await`: on a real thread it blocks the thread (see `sync.rs`), in the
//! single-threaded build it yields to the other simulated threads.

use crate::runtime::concurrent::{as_completed, ThreadPoolExecutor};
use crate::runtime::plan::{Arg, Plan, Scenario};
use crate::runtime::program::Program;
use crate::runtime::record::RunRecord;
use crate::runtime::task::{print_result, returning, target, Task};
use crate::runtime::threading::Thread;
use futures_util::StreamExt;

/// Runs `plan` as the lesson's main thread, waits for every thread it started, and
/// returns the record.
pub async fn run(plan: &Plan, p: &Program) -> RunRecord {
    let args = &plan.args;
    let workers = plan.max_workers;
    if plan.code.is_some() {
        // The student's own program, or a listing run as its Python: the interpreter
        // runs it on this thread, which blocks where the Python blocks.
        p.recorder().begin();
        crate::python::host::run_program(p, plan).await;
        return p.exit().await;
    }
    if plan.scenario.is_async() {
        // asyncio: coroutines on an event loop, not threads (asyncio.rs).
        return crate::runtime::asyncio::run(plan, p, &*p.io()).await;
    }
    p.recorder().begin();
    match plan.scenario {
        Scenario::Sequential => sequential(p, args).await,
        Scenario::ThreadsNoJoin => threads_no_join(p, args),
        Scenario::ThreadsJoinInLoop => threads_join_in_loop(p, args).await,
        Scenario::Threads => threads(p, args).await,
        Scenario::PoolSubmit => pool_submit(p, args, workers).await,
        Scenario::PoolAsCompleted => pool_as_completed(p, args, workers).await,
        Scenario::PoolMap if matches!(args.first(), Some(Arg::Image(_))) => {
            pool_map_images(p, args, workers).await
        }
        Scenario::PoolMap | Scenario::Async | Scenario::AsyncAsCompleted => {
            pool_map(p, args, workers).await
        }
        // Not reached: a program always has its code (above).
        Scenario::Python => {}
    }
    p.exit().await
}

/// ```python
/// def sleep_several_times(times = 5):
///     for i in range(times):
///         sleep()
/// ```
async fn sequential(p: &Program, args: &[Arg]) {
    let start = p.perf_counter();
    for arg in args {
        call(p, Task::new(p, target(arg))).await;
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
fn threads_no_join(p: &Program, args: &[Arg]) {
    let start = p.perf_counter();
    for arg in args {
        let mut t = Thread::new(p, target(arg));
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
async fn threads_join_in_loop(p: &Program, args: &[Arg]) {
    let start = p.perf_counter();
    for arg in args {
        let mut t = Thread::new(p, target(arg));
        t.start();
        t.join().await;
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
async fn threads(p: &Program, args: &[Arg]) {
    let start = p.perf_counter();
    let mut threads = Vec::new();
    for arg in args {
        let mut t = Thread::new(p, target(arg));
        t.start();
        threads.push(t);
    }
    for mut thread in threads {
        thread.join().await;
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
async fn pool_submit(p: &Program, args: &[Arg], max_workers: usize) {
    let start = p.perf_counter();
    ThreadPoolExecutor::with(p, max_workers, async |executor| {
        let future_objs: Vec<_> = args
            .iter()
            .map(|arg| executor.submit(returning(arg)))
            .collect();
        for result in future_objs {
            print_result(p, result.result().await);
        }
    })
    .await;
    let finish = p.perf_counter();
    p.print_it_took(finish - start);
}

/// ```python
/// with concurrent.futures.ThreadPoolExecutor() as executor:
///     future_objs = [executor.submit(_sleep, sec) for sec in secs]
///     for f in concurrent.futures.as_completed(future_objs):
///         print(f.result())
/// ```
async fn pool_as_completed(p: &Program, args: &[Arg], max_workers: usize) {
    let start = p.perf_counter();
    ThreadPoolExecutor::with(p, max_workers, async |executor| {
        let future_objs: Vec<_> = args
            .iter()
            .map(|arg| executor.submit(returning(arg)))
            .collect();
        let mut completed = as_completed(&future_objs);
        while let Some(f) = completed.next().await {
            print_result(p, f.result().await);
        }
    })
    .await;
    let finish = p.perf_counter();
    p.print_it_took(finish - start);
}

/// ```python
/// with concurrent.futures.ThreadPoolExecutor() as executor:
///     results = executor.map(_sleep, secs)
///     for result in results:
///         print(result)
/// ```
async fn pool_map(p: &Program, args: &[Arg], max_workers: usize) {
    let start = p.perf_counter();
    ThreadPoolExecutor::with(p, max_workers, async |executor| {
        let results = executor.map(returning, args);
        for result in results {
            print_result(p, result.result().await);
        }
    })
    .await;
    let finish = p.perf_counter();
    p.print_it_took(finish - start);
}

/// The lesson's real example, word for word: the results are never asked for; each
/// thread prints its own line, and leaving the `with` block waits for them all.
/// ```python
/// with concurrent.futures.ThreadPoolExecutor() as executor:
///     executor.map(download_one_image, images)
/// ```
async fn pool_map_images(p: &Program, images: &[Arg], max_workers: usize) {
    let start = p.perf_counter();
    ThreadPoolExecutor::with(p, max_workers, async |executor| {
        let _ = executor.map(target, images);
    })
    .await;
    let finish = p.perf_counter();
    p.print_it_took(finish - start);
}

/// A plain call on the main thread: `sleep()` in `sleep_several_times`.
async fn call(p: &Program, task: Task) {
    let index = task.index;
    p.recorder().submitted(index);
    let _ = task.run(p, "MainThread").await;
    p.recorder().delivered(index);
}
