//! How long the lesson's pool takes to run zero-length tasks natively: the Rust
//! side of the dispatch measure, without the browser.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use potoki::runtime::cancel::CancelToken;
use potoki::runtime::machine::native::OsThreads;
use potoki::runtime::machine::Runtime;
use potoki::runtime::plan::{Machine, Plan, PlanInput};
use potoki::runtime::program::Program;
use potoki::runtime::sync::block_on;
use std::sync::Arc;

fn main() {
    let machine = Machine {
        pool_threads: 16,
        cores: 2,
        threaded: true,
    };
    for n in [1000usize, 1000, 2000, 4000, 8000, 10_000] {
        let input = PlanInput {
            scenario: Some("pool_as_completed".into()),
            secs: Some(vec!["0".into(); n]),
            workers: Some("8".into()),
            ..PlanInput::default()
        };
        let plan = Plan::parse(&input, machine).unwrap();
        let rt = Arc::new(OsThreads);
        let t0 = rt.now_ms();
        let events = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let counted = events.clone();
        let program = Program::new(
            rt.clone(),
            &plan,
            t0,
            CancelToken::new(),
            Box::new(move |_| {
                counted.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            }),
        );
        let record = block_on(potoki::scenario::run(&plan, &program));
        println!(
            "{n} tasks: wall {:.1} ms, {} events",
            record.wall_ms,
            events.load(std::sync::atomic::Ordering::Relaxed)
        );
    }
}
