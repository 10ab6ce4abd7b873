//! Python's `concurrent.futures`, as the lesson uses it: `ThreadPoolExecutor`
//! (`submit`, `map`, the `with` block) , `Future.result()` and `as_completed`.
//!
//! The executor is what CPython's is: a FIFO queue of work items pulled by at most
//! `max_workers` threads, started lazily on `submit` when no thread is idle. So tasks
//! start in submission order and never more than `max_workers` run at once — not
//! rayon's work-stealing order, which the pool underneath would otherwise impose.

use crate::program::Program;
use crate::sync::{lock, wait, Latch};
use crate::task::{Target, Task, TaskResult};
use std::collections::VecDeque;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};

/// Numbers the executors of a page like CPython does: `ThreadPoolExecutor-0_…`.
static EXECUTORS: AtomicUsize = AtomicUsize::new(0);

pub struct ThreadPoolExecutor {
    program: Program,
    max_workers: usize,
    name_prefix: String,
    queue: Arc<Queue>,
    workers: Vec<Arc<Latch>>,
}

/// The work queue the executor's threads pull from.
struct Queue {
    state: Mutex<QueueState>,
    changed: Condvar,
}

#[derive(Default)]
struct QueueState {
    items: VecDeque<WorkItem>,
    /// Threads waiting for work: `submit` starts no new thread while one is idle.
    idle: usize,
    shutdown: bool,
}

struct WorkItem {
    task: Task,
    future: Arc<FutureState>,
}

impl Queue {
    fn lock(&self) -> MutexGuard<'_, QueueState> {
        lock(&self.state)
    }

    /// The next item, waiting for one; `None` once shut down and empty.
    fn pop(&self) -> Option<WorkItem> {
        let mut state = self.lock();
        loop {
            if let Some(item) = state.items.pop_front() {
                return Some(item);
            }
            if state.shutdown {
                return None;
            }
            state.idle += 1;
            state = wait(&self.changed, state);
            state.idle -= 1;
        }
    }
}

impl ThreadPoolExecutor {
    /// `with concurrent.futures.ThreadPoolExecutor(max_workers=…) as executor:` —
    /// runs `body`, then shuts the executor down and waits for its threads, as
    /// leaving the `with` block does.
    pub fn with<R>(program: &Program, max_workers: usize, body: impl FnOnce(&mut Self) -> R) -> R {
        let mut executor = ThreadPoolExecutor {
            program: program.clone(),
            max_workers: max_workers.max(1),
            name_prefix: format!(
                "ThreadPoolExecutor-{}",
                EXECUTORS.fetch_add(1, Ordering::Relaxed)
            ),
            queue: Arc::new(Queue {
                state: Mutex::new(QueueState::default()),
                changed: Condvar::new(),
            }),
            workers: Vec::new(),
        };
        let result = body(&mut executor);
        executor.shutdown();
        result
    }

    /// `executor.submit(fn, arg)`: queues the call and returns its future at once.
    pub fn submit(&mut self, target: Target) -> Future {
        let task = Task::new(&self.program, target);
        let index = task.index;
        let future = Arc::new(FutureState::default());
        self.program.recorder().submitted(index);
        let start_one = {
            let mut state = self.queue.lock();
            state.items.push_back(WorkItem {
                task,
                future: future.clone(),
            });
            // CPython's `_adjust_thread_count`: a new thread only when none is idle.
            state.idle < state.items.len() && self.workers.len() < self.max_workers
        };
        self.queue.changed.notify_one();
        if start_one {
            self.start_worker();
        }
        Future {
            program: self.program.clone(),
            index,
            state: future,
        }
    }

    /// `executor.map(fn, args)`: submits every call now and returns their results in
    /// the order of `args`, each as soon as it and all before it are done.
    pub fn map<'a, A: 'a>(
        &mut self,
        target: impl Fn(&A) -> Target,
        args: impl IntoIterator<Item = &'a A>,
    ) -> impl Iterator<Item = TaskResult> {
        let futures: Vec<Future> = args
            .into_iter()
            .map(|arg| self.submit(target(arg)))
            .collect();
        futures.into_iter().map(|f| f.result())
    }

    fn start_worker(&mut self) {
        let name = format!("{}_{}", self.name_prefix, self.workers.len());
        let queue = self.queue.clone();
        let program = self.program.clone();
        let done = self.program.start_thread(move || {
            while let Some(WorkItem { task, future }) = queue.pop() {
                // A queued item whose run was stopped is cancelled, never started.
                let result = if program.is_stopped() {
                    task.cancelled(&program)
                } else {
                    task.run(&program, &name)
                };
                future.set(result);
            }
        });
        self.workers.push(done);
    }

    /// `executor.shutdown(wait=True)`: no more work; the threads finish the queue and end.
    fn shutdown(&mut self) {
        self.queue.lock().shutdown = true;
        self.queue.changed.notify_all();
        for worker in self.workers.drain(..) {
            worker.wait();
        }
    }
}

/// The eventual result of a submitted call.
pub struct Future {
    program: Program,
    index: usize,
    state: Arc<FutureState>,
}

#[derive(Default)]
struct FutureState {
    slot: Mutex<Slot>,
    done: Condvar,
}

#[derive(Default)]
struct Slot {
    result: Option<TaskResult>,
    /// `as_completed` iterators waiting for this future, with its place in their list.
    waiters: Vec<(mpsc::Sender<usize>, usize)>,
}

impl FutureState {
    fn lock(&self) -> MutexGuard<'_, Slot> {
        lock(&self.slot)
    }

    fn set(&self, result: TaskResult) {
        let mut slot = self.lock();
        slot.result = Some(result);
        for (waiter, place) in slot.waiters.drain(..) {
            // A dropped `as_completed` iterator no longer listens; that is fine.
            let _ = waiter.send(place);
        }
        drop(slot);
        self.done.notify_all();
    }
}

impl Future {
    /// `future.result()`: blocks until the call has finished, then returns its value
    /// or the error it raised.
    pub fn result(&self) -> TaskResult {
        let mut slot = self.state.lock();
        let result = loop {
            if let Some(result) = &slot.result {
                break result.clone();
            }
            slot = wait(&self.state.done, slot);
        };
        drop(slot);
        self.program.recorder().delivered(self.index);
        result
    }

    pub fn done(&self) -> bool {
        self.state.lock().result.is_some()
    }
}

/// `concurrent.futures.as_completed(futures)`: yields each future as it finishes,
/// the first to finish first.
pub fn as_completed(futures: &[Future]) -> impl Iterator<Item = &Future> {
    let (finished, in_order) = mpsc::channel();
    for (place, future) in futures.iter().enumerate() {
        let mut slot = future.state.lock();
        if slot.result.is_some() {
            let _ = finished.send(place);
        } else {
            slot.waiters.push((finished.clone(), place));
        }
    }
    drop(finished);
    // Each future sends its place exactly once; `recv` fails only when every sender
    // is gone, which ends the iteration after the last one.
    std::iter::from_fn(move || in_order.recv().ok()).filter_map(|place| futures.get(place))
}
