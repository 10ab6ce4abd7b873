//! Python's `threading.Thread`, as the lesson uses it: `Thread(target=sleep,
//! args=[sec])`, `start()`, `join()`.

use crate::runtime::program::Program;
use crate::runtime::sync::Signal;
use crate::runtime::task::{Target, Task, TaskError};
use std::sync::Arc;

pub struct Thread {
    program: Program,
    name: String,
    task: Option<Task>,
    done: Option<Arc<Signal<()>>>,
    index: usize,
    /// `join()` returned once already: the main thread has the thread's end.
    joined: bool,
}

impl Thread {
    /// `threading.Thread(target=…, args=[…])`: made, not yet running.
    pub fn new(program: &Program, target: Target) -> Thread {
        let task = Task::new(program, target);
        Thread {
            program: program.clone(),
            name: program.next_thread_name(),
            index: task.index,
            task: Some(task),
            done: None,
            joined: false,
        }
    }

    /// `t.start()`: the target begins on a thread of its own; the caller goes on.
    /// Starting twice does nothing the second time (Python raises; no listing does it).
    /// With no thread free, the task fails with `RuntimeError: can't start new
    /// thread`, as Python's `start()` raises it.
    pub fn start(&mut self) {
        let Some(task) = self.task.take() else {
            return;
        };
        self.program.recorder().submitted(self.index);
        let name = self.name.clone();
        // The task goes to the new thread; only if none starts is it failed here.
        let handed = Arc::new(std::sync::Mutex::new(Some(task)));
        let for_thread = handed.clone();
        let started = self.program.start_thread(move |program| async move {
            let task = crate::runtime::sync::shared_lock(&for_thread).take();
            if let Some(task) = task {
                // The value of a Thread's target is thrown away, as in Python.
                let _ = task.run(&program, &name).await;
            }
        });
        match started {
            Ok(done) => self.done = Some(done),
            Err(_) => {
                if let Some(task) = crate::runtime::sync::shared_lock(&handed).take() {
                    let _ = task.failed(&self.program, TaskError::CannotStartThread);
                }
            }
        }
    }

    /// `t.join()`: the calling thread waits until this one has finished.
    pub async fn join(&mut self) {
        if let Some(done) = &self.done {
            done.ready().await;
            if !std::mem::replace(&mut self.joined, true) {
                self.program.recorder().delivered(self.index);
            }
        }
    }
}
