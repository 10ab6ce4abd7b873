//! The lesson's third tool, asynchrony: the same tasks as coroutines on one thread.
//! No worker thread runs; the waits overlap because each `await` hands the one
//! thread back to the event loop (the page's own, in the browser).
//!
//! ```python
//! async def main():
//!     tasks = [asyncio.create_task(_sleep(sec)) for sec in secs]
//!     for t in tasks:                          # async: in order
//!         print(await t)
//!     for t in asyncio.as_completed(tasks):    # async_as_completed
//!         print(await t)
//! ```

use crate::runtime::io::Io;
use crate::runtime::plan::{Arg, Plan, Scenario};
use crate::runtime::program::Program;
use crate::runtime::record::RunRecord;
use crate::runtime::task::{print_result, returning, Task, TaskResult};
use futures_util::stream::{FuturesUnordered, StreamExt};
use std::future::Future;
use std::pin::Pin;

/// Runs an asyncio `plan` as the program's main coroutine and returns the record.
pub async fn run(plan: &Plan, p: &Program, io: &dyn Io) -> RunRecord {
    p.recorder().begin();
    let start = p.perf_counter();
    let as_completed = plan.scenario == Scenario::AsyncAsCompleted;
    let (indices, mut tasks) = create_tasks(p, &plan.args, io);
    // Results that came before their turn, for the in-order listing.
    let mut waiting: Vec<Option<TaskResult>> = vec![None; plan.args.len()];
    let mut next = 0;
    while let Some((place, result)) = tasks.next().await {
        if as_completed {
            if let Some(&index) = indices.get(place) {
                deliver(p, index, result);
            }
            continue;
        }
        if let Some(slot) = waiting.get_mut(place) {
            *slot = Some(result);
        }
        // `print(await t)` for each task in turn: every one that is done by now.
        while let Some(result) = waiting.get_mut(next).and_then(Option::take) {
            if let Some(&index) = indices.get(next) {
                deliver(p, index, result);
            }
            next += 1;
        }
    }
    let finish = p.perf_counter();
    p.print_it_took(finish - start);
    p.exit().await
}

/// The coroutines of a run, each ending with its place in the list and its result.
type Running<'a> = FuturesUnordered<Pin<Box<dyn Future<Output = (usize, TaskResult)> + 'a>>>;

/// `[asyncio.create_task(_sleep(sec)) for sec in secs]`: every coroutine is
/// scheduled now and runs at the main coroutine's first `await`. Returns the tasks'
/// indices in list order, and the running coroutines.
fn create_tasks<'a>(p: &'a Program, args: &[Arg], io: &'a dyn Io) -> (Vec<usize>, Running<'a>) {
    let mut indices = Vec::with_capacity(args.len());
    let running = Running::new();
    for (place, arg) in args.iter().enumerate() {
        let task = Task::new(p, returning(arg));
        indices.push(task.index);
        p.recorder().submitted(task.index);
        running.push(Box::pin(async move {
            (place, task.run_with(p, io, "MainThread").await)
        }));
    }
    (indices, running)
}

/// `print(await t)`.
fn deliver(p: &Program, index: usize, result: TaskResult) {
    p.recorder().delivered(index);
    print_result(p, result);
}
