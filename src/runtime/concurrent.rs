//! Python's `concurrent.futures`, as the lesson uses it: `ThreadPoolExecutor`
//! (`submit`, `map`, the `with` block), `Future.result()` and `as_completed`.
//!
//! The executor is what CPython's is: a FIFO queue of work items pulled by at most
//! `max_workers` threads, started lazily on `submit` when no thread is idle. So tasks
//! start in submission order and never more than `max_workers` run at once — not
//! rayon's work-stealing order, which the pool underneath would otherwise impose.

use crate::runtime::program::Program;
use crate::runtime::sync::{lock, remember, Signal};
use crate::runtime::task::{Target, Task, TaskError, TaskResult};
use futures_util::stream::{FuturesUnordered, Stream};
use std::collections::VecDeque;
use std::future::poll_fn;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Poll, Waker};

/// Numbers the executors of a page like CPython does: `ThreadPoolExecutor-0_…`.
static EXECUTORS: AtomicUsize = AtomicUsize::new(0);

pub struct ThreadPoolExecutor {
    program: Program,
    max_workers: usize,
    name_prefix: String,
    queue: Arc<Queue>,
    workers: Vec<Arc<Signal<()>>>,
}

/// The work queue the executor's threads pull from.
#[derive(Default)]
struct Queue {
    state: Mutex<QueueState>,
}

#[derive(Default)]
struct QueueState {
    items: VecDeque<WorkItem>,
    /// Threads waiting for work: `submit` starts no new thread while one is idle.
    idle: usize,
    shutdown: bool,
    waiting: Vec<Waker>,
}

struct WorkItem {
    task: Task,
    future: Arc<Signal<TaskResult>>,
}

impl Queue {
    fn push(&self, item: WorkItem) -> QueueLoad {
        let (load, waker) = {
            let mut state = lock(&self.state);
            state.items.push_back(item);
            let load = QueueLoad {
                idle: state.idle,
                queued: state.items.len(),
            };
            // One item needs one thread: wake the longest-waiting one, not all of them
            // (a crowd of woken threads would only fight for the lock).
            let waker = (!state.waiting.is_empty()).then(|| state.waiting.remove(0));
            (load, waker)
        };
        if let Some(waker) = waker {
            waker.wake();
        }
        load
    }

    fn shut_down(&self) {
        let wakers = {
            let mut state = lock(&self.state);
            state.shutdown = true;
            std::mem::take(&mut state.waiting)
        };
        wakers.into_iter().for_each(Waker::wake);
    }

    /// The next item, if one is queued now.
    fn try_pop(&self) -> Option<WorkItem> {
        lock(&self.state).items.pop_front()
    }

    /// The next item, waiting for one; `None` once shut down and empty.
    async fn pop(&self) -> Option<WorkItem> {
        let mut counted_idle = false;
        poll_fn(|cx| {
            let mut state = lock(&self.state);
            let next = state.items.pop_front();
            if next.is_some() || state.shutdown {
                if counted_idle {
                    state.idle -= 1;
                }
                return Poll::Ready(next);
            }
            if !counted_idle {
                state.idle += 1;
                counted_idle = true;
            }
            remember(&mut state.waiting, cx.waker());
            Poll::Pending
        })
        .await
    }
}

/// How busy the queue was right after a push.
struct QueueLoad {
    idle: usize,
    queued: usize,
}

impl ThreadPoolExecutor {
    /// `with concurrent.futures.ThreadPoolExecutor(max_workers=…) as executor:` —
    /// runs `body`, then shuts the executor down and waits for its threads, as
    /// leaving the `with` block does.
    pub async fn with<R>(
        program: &Program,
        max_workers: usize,
        body: impl AsyncFnOnce(&mut Self) -> R,
    ) -> R {
        let mut executor = ThreadPoolExecutor {
            program: program.clone(),
            max_workers: max_workers.max(1),
            name_prefix: format!(
                "ThreadPoolExecutor-{}",
                EXECUTORS.fetch_add(1, Ordering::Relaxed)
            ),
            queue: Arc::default(),
            workers: Vec::new(),
        };
        let result = body(&mut executor).await;
        executor.shutdown().await;
        result
    }

    /// `executor.submit(fn, arg)`: queues the call and returns its future at once.
    pub fn submit(&mut self, target: Target) -> Future {
        let task = Task::new(&self.program, target);
        let index = task.index;
        let future = Arc::new(Signal::new());
        self.program.recorder().submitted(index);
        let load = self.queue.push(WorkItem {
            task,
            future: future.clone(),
        });
        // CPython's `_adjust_thread_count`: a new thread only when none is idle.
        if load.idle < load.queued && self.workers.len() < self.max_workers {
            self.start_worker();
        }
        Future {
            program: self.program.clone(),
            index,
            state: future,
            delivered: AtomicBool::new(false),
        }
    }

    /// `executor.map(fn, args)`: submits every call now and returns their futures in
    /// the order of `args`; `result()` of each in turn is what Python's iterator gives.
    pub fn map<'a, A: 'a>(
        &mut self,
        target: impl Fn(&A) -> Target,
        args: impl IntoIterator<Item = &'a A>,
    ) -> Vec<Future> {
        args.into_iter()
            .map(|arg| self.submit(target(arg)))
            .collect()
    }

    fn start_worker(&mut self) {
        let name = format!("{}_{}", self.name_prefix, self.workers.len());
        let queue = self.queue.clone();
        let started = self.program.start_thread(move |program| async move {
            while let Some(WorkItem { task, future }) = queue.pop().await {
                // A queued item whose run was stopped is cancelled, never started.
                let result = if program.is_stopped() {
                    task.cancelled(&program)
                } else {
                    task.run(&program, &name).await
                };
                future.put(result);
            }
        });
        match started {
            Ok(done) => self.workers.push(done),
            // The threads already there will take the item. With none at all, the
            // queue would wait for ever: its items fail as `submit` would raise.
            Err(_) if self.workers.is_empty() => {
                while let Some(WorkItem { task, future }) = self.queue.try_pop() {
                    future.put(task.failed(&self.program, TaskError::CannotStartThread));
                }
            }
            Err(_) => {}
        }
    }

    /// `executor.shutdown(wait=True)`: no more work; the threads finish the queue and end.
    async fn shutdown(&mut self) {
        self.queue.shut_down();
        for worker in self.workers.drain(..) {
            worker.ready().await;
        }
    }
}

/// The eventual result of a submitted call.
pub struct Future {
    program: Program,
    index: usize,
    state: Arc<Signal<TaskResult>>,
    /// `result()` returned once already: the main thread has the result.
    delivered: AtomicBool,
}

impl Future {
    /// `future.result()`: waits until the call has finished, then returns its value
    /// or the error it raised.
    pub async fn result(&self) -> TaskResult {
        let result = self.state.wait().await;
        if !self.delivered.swap(true, Ordering::Relaxed) {
            self.program.recorder().delivered(self.index);
        }
        result
    }
}

/// `concurrent.futures.as_completed(futures)`: yields each future as it finishes,
/// the first to finish first.
pub fn as_completed(futures: &[Future]) -> impl Stream<Item = &Future> + Unpin {
    futures
        .iter()
        .map(|f| async move {
            f.state.ready().await;
            f
        })
        .collect::<FuturesUnordered<_>>()
}
