//! How the single-threaded build's simulated threads (and asyncio on them) wait on
//! the page's event loop: `setTimeout` and `fetch`, both ended early by Stop.

use super::fetch::{self, RunScope};
use crate::runtime::cancel::Stopped;
use crate::runtime::io::{FetchError, Fetched, Io, LocalBoxFuture};
use futures_util::future::{select, Either};
use std::rc::Rc;

pub struct WebIo {
    pub scope: Rc<RunScope>,
}

impl Io for WebIo {
    fn sleep(&self, ms: f64) -> LocalBoxFuture<'_, Result<(), Stopped>> {
        let stopped = self.scope.stopped();
        Box::pin(async move {
            if self.scope.is_stopped() {
                return Err(Stopped);
            }
            // Sleeps are at most a minute (the plan's limit), well within u32 ms.
            let timer = gloo_timers::future::TimeoutFuture::new(ms.ceil() as u32);
            match select(timer, stopped).await {
                Either::Left(_) => Ok(()),
                Either::Right(_) => Err(Stopped),
            }
        })
    }

    fn fetch(&self, task: usize, url: &str) -> LocalBoxFuture<'_, Result<Fetched, FetchError>> {
        let url = url.to_owned();
        Box::pin(async move { fetch::fetch(&self.scope, task, &url).await })
    }
}
