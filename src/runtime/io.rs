//! How a task waits: by blocking its thread (the lesson's threads: `time.sleep`,
//! `requests.get`) or by yielding to an event loop (asyncio). The task bodies in
//! `task.rs` are written once, against [`Io`]; the threads hand them [`ThreadIo`],
//! whose waits block and so are always ready, and asyncio hands them a timer- and
//! fetch-based one.

use crate::runtime::cancel::Stopped;
use std::future::Future;
use std::pin::Pin;

pub type LocalBoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + 'a>>;

/// What came back from a server, before any check of it.
#[derive(Debug, Clone, PartialEq)]
pub struct Fetched {
    pub status: u16,
    pub status_text: String,
    pub content_type: Option<String>,
    pub body: Vec<u8>,
    /// Times on the runtime's clock: `fetch()` called, the request actually sent (after
    /// waiting for a free connection; `None` when the browser does not tell), the
    /// response headers, the last byte of the body.
    pub sent_ms: f64,
    pub request_ms: Option<f64>,
    pub first_byte_ms: f64,
    pub last_byte_ms: f64,
}

/// Why nothing (usable) came back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FetchError {
    /// The request failed before a response: offline, refused, or blocked by CORS.
    Network(String),
    /// The body grew past the limit; reading stopped there.
    TooLarge {
        limit_bytes: usize,
    },
    /// No response headers within the limit.
    NoFirstByte {
        secs: u32,
    },
    /// The whole download took longer than the limit.
    TooSlow {
        secs: u32,
    },
    Cancelled,
}

impl From<Stopped> for FetchError {
    fn from(_: Stopped) -> Self {
        FetchError::Cancelled
    }
}

/// The largest image a task reads.
pub const MAX_IMAGE_BYTES: usize = 20 * 1024 * 1024;
/// How long a task waits for the first byte of a response.
pub const FIRST_BYTE_TIMEOUT_SECS: u32 = 30;
/// How long a whole download may take, first byte to last.
pub const DOWNLOAD_TIMEOUT_SECS: u32 = 60;

pub trait Io {
    /// `time.sleep(ms / 1000)`; ends early with [`Stopped`].
    fn sleep(&self, ms: f64) -> LocalBoxFuture<'_, Result<(), Stopped>>;
    /// GET `url` for task `task`, the body read whole (up to [`MAX_IMAGE_BYTES`]).
    fn fetch(&self, task: usize, url: &str) -> LocalBoxFuture<'_, Result<Fetched, FetchError>>;
}
