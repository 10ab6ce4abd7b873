//! The lesson's listings by name, with what each needs: its lesson numbers and the
//! pool threads it occupies at once.

use serde::Serialize;

/// One listing of the lesson.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Scenario {
    /// `sleep_several_times()`: one call after another.
    Sequential,
    /// `t.start()` with no `join()`: "it took" is printed before the threads wake.
    ThreadsNoJoin,
    /// `t.start(); t.join()` inside the loop: threads, yet one at a time.
    ThreadsJoinInLoop,
    /// Start all, then join all.
    Threads,
    /// `executor.submit` into a list, then `f.result()` in order.
    PoolSubmit,
    /// `as_completed(futures)`.
    PoolAsCompleted,
    /// `executor.map`.
    PoolMap,
    /// asyncio on one thread, results taken in order: `for t in tasks: print(await t)`.
    Async,
    /// asyncio on one thread, `asyncio.as_completed(tasks)`.
    AsyncAsCompleted,
    /// A Python program, given as its source (`code`), run by the interpreter.
    Python,
}

impl Scenario {
    pub const ALL: [Scenario; 9] = [
        Scenario::Sequential,
        Scenario::ThreadsNoJoin,
        Scenario::ThreadsJoinInLoop,
        Scenario::Threads,
        Scenario::PoolSubmit,
        Scenario::PoolAsCompleted,
        Scenario::PoolMap,
        Scenario::Async,
        Scenario::AsyncAsCompleted,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Scenario::Sequential => "sequential",
            Scenario::ThreadsNoJoin => "threads_no_join",
            Scenario::ThreadsJoinInLoop => "threads_join_in_loop",
            Scenario::Threads => "threads",
            Scenario::PoolSubmit => "pool_submit",
            Scenario::PoolAsCompleted => "pool_as_completed",
            Scenario::PoolMap => "pool_map",
            Scenario::Async => "async",
            Scenario::AsyncAsCompleted => "async_as_completed",
            Scenario::Python => "python",
        }
    }

    pub fn from_id(id: &str) -> Option<Scenario> {
        Scenario::ALL.into_iter().find(|s| s.id() == id)
    }

    /// Whether the listing uses `ThreadPoolExecutor` (and so `max_workers`).
    pub fn uses_pool(self) -> bool {
        matches!(
            self,
            Scenario::PoolSubmit | Scenario::PoolAsCompleted | Scenario::PoolMap
        )
    }

    /// Whether the listing runs as coroutines on one thread, with no worker threads.
    pub fn is_async(self) -> bool {
        matches!(self, Scenario::Async | Scenario::AsyncAsCompleted)
    }

    /// The lesson's own numbers, when the student gave none.
    pub fn lesson_secs(self) -> &'static [u32] {
        match self {
            Scenario::Sequential => &[1, 1, 1, 1, 1],
            Scenario::ThreadsNoJoin => &[1, 1],
            Scenario::ThreadsJoinInLoop | Scenario::Threads => &[1; 10],
            Scenario::PoolSubmit
            | Scenario::PoolAsCompleted
            | Scenario::PoolMap
            | Scenario::Async
            | Scenario::AsyncAsCompleted => &[5, 4, 3, 2, 1],
            Scenario::Python => &[],
        }
    }

    /// Pool threads the run occupies at once, the program's main thread included
    /// (asyncio's event loop is that thread's).
    pub fn threads_needed(self, tasks: usize, max_workers: usize) -> usize {
        match self {
            // A program's own threads are started as it goes; each start that
            // finds no worker free raises `RuntimeError: can't start new thread`.
            Scenario::Sequential
            | Scenario::Async
            | Scenario::AsyncAsCompleted
            | Scenario::Python => 1,
            Scenario::ThreadsJoinInLoop => 2,
            Scenario::ThreadsNoJoin | Scenario::Threads => 1 + tasks,
            Scenario::PoolSubmit | Scenario::PoolAsCompleted | Scenario::PoolMap => {
                1 + tasks.min(max_workers)
            }
        }
    }
}
