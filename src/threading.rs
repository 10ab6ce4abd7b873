//! Python's `threading.Thread`, as the lesson uses it: `Thread(target=sleep,
//! args=[sec])`, `start()`, `join()`.

use crate::program::Program;
use crate::sync::Signal;
use crate::task::{Target, Task};
use std::sync::Arc;

pub struct Thread {
    program: Program,
    name: String,
    task: Option<Task>,
    done: Option<Arc<Signal<()>>>,
    index: usize,
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
        }
    }

    /// `t.start()`: the target begins on a thread of its own; the caller goes on.
    /// Starting twice does nothing the second time (Python raises; no listing does it).
    pub fn start(&mut self) {
        let Some(task) = self.task.take() else {
            return;
        };
        self.program.recorder().submitted(self.index);
        let name = self.name.clone();
        self.done = Some(self.program.start_thread(move |program| async move {
            // The value of a Thread's target is thrown away, as in Python.
            let _ = task.run(&program, &name).await;
        }));
    }

    /// `t.join()`: the calling thread waits until this one has finished.
    pub async fn join(&self) {
        if let Some(done) = &self.done {
            done.ready().await;
            self.program.recorder().delivered(self.index);
        }
    }
}
