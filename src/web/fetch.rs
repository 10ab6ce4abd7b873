//! Downloads on the page's own event loop, with gloo-net's `fetch`.
//!
//! This runs on the UI thread, the one thread whose event loop runs (a pool
//! worker's never does, so a fetch started there would never complete). The body is
//! read chunk by chunk, so the 20 MB limit stops the reading instead of buffering
//! it; a timer aborts a request with no first byte in 30 s; Stop aborts every
//! request of the run. A thumbnail of each image goes to the page as soon as the
//! last byte is in.

use super::now;
use crate::runtime::image::sniff;
use crate::runtime::io::{
    FetchError, Fetched, DOWNLOAD_TIMEOUT_SECS, FIRST_BYTE_TIMEOUT_SECS, MAX_IMAGE_BYTES,
};
#[cfg(not(feature = "threads"))]
use futures_util::future::{FutureExt, Shared};
#[cfg(not(feature = "threads"))]
use js_sys::Promise;
use js_sys::{Array, Function, Reflect, Uint8Array};
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    AbortController, AbortSignal, Blob, BlobPropertyBag, ReadableStreamDefaultReader, RequestCache,
    RequestMode, Url,
};

#[wasm_bindgen(inline_js = "
export function requestStarted(url, sentAt) {
  // Resource Timing tells when the browser really sent the request: after waiting
  // for a free connection (six per host over HTTP/1.1). Pick this fetch's entry by
  // its start time; cross-origin servers without Timing-Allow-Origin report 0.
  const sent = sentAt - performance.timeOrigin;
  let best = null;
  for (const entry of performance.getEntriesByName(url, 'resource')) {
    if (!best || Math.abs(entry.startTime - sent) < Math.abs(best.startTime - sent)) best = entry;
  }
  return best && best.requestStart > 0 ? performance.timeOrigin + best.requestStart : undefined;
}
export function resetResourceTimings() {
  // Room for every download of many runs; entries are found by name and time, so
  // none need clearing (the page's own entries stay for whoever reads them).
  performance.setResourceTimingBufferSize(10000);
}
")]
extern "C" {
    #[wasm_bindgen(js_name = requestStarted)]
    fn request_started(url: &str, sent_at: f64) -> Option<f64>;
    #[wasm_bindgen(js_name = resetResourceTimings)]
    pub fn reset_resource_timings();
}

/// What every download of one run shares, on the UI thread.
pub struct RunScope {
    /// Aborted by Stop: every request of the run listens to it.
    stop: AbortController,
    /// Resolves when Stop is pressed (simulated threads' sleeps race it).
    #[cfg(not(feature = "threads"))]
    stopped: Shared<JsFuture>,
    /// The page's `onEvent`, for thumbnails.
    on_event: Function,
}

impl RunScope {
    /// # Errors
    /// When the browser has no `AbortController` (it has, since 2019).
    pub fn new(on_event: Function) -> Result<RunScope, JsValue> {
        let stop = AbortController::new()?;
        #[cfg(not(feature = "threads"))]
        let stopped = {
            let signal = stop.signal();
            JsFuture::from(Promise::new(&mut |resolve, _| {
                let _ = signal.add_event_listener_with_callback("abort", &resolve);
            }))
            .shared()
        };
        Ok(RunScope {
            stop,
            #[cfg(not(feature = "threads"))]
            stopped,
            on_event,
        })
    }

    pub fn stop(&self) {
        self.stop.abort();
    }

    pub fn is_stopped(&self) -> bool {
        self.stop.signal().aborted()
    }

    /// A future that ends when Stop is pressed.
    #[cfg(not(feature = "threads"))]
    pub fn stopped(&self) -> Shared<JsFuture> {
        self.stopped.clone()
    }

    pub fn on_event(&self) -> &Function {
        &self.on_event
    }
}

/// GETs `url` for task `task` and reads the whole body.
pub async fn fetch(scope: &RunScope, task: usize, url: &str) -> Result<Fetched, FetchError> {
    if scope.is_stopped() {
        return Err(FetchError::Cancelled);
    }
    let this_request = AbortController::new().map_err(network)?;
    let signal = AbortSignal::any(&Array::of2(&scope.stop.signal(), &this_request.signal()));
    let (timer, timed_out) = abort_after(FIRST_BYTE_TIMEOUT_SECS, &this_request);
    let failed = |error: String| {
        if scope.is_stopped() {
            FetchError::Cancelled
        } else if timed_out.get() {
            FetchError::NoFirstByte {
                secs: FIRST_BYTE_TIMEOUT_SECS,
            }
        } else {
            FetchError::Network(error)
        }
    };

    let sent_ms = now();
    let response = gloo_net::http::Request::get(url)
        .mode(RequestMode::Cors)
        // Every run downloads for real, as the lesson's `requests.get` does.
        .cache(RequestCache::NoStore)
        .abort_signal(Some(&signal))
        .send()
        .await
        .map_err(|e| failed(e.to_string()))?;
    let first_byte_ms = now();
    timer.cancel();
    // From here the body has its own limit: a server that trickles forever is stopped.
    let (body_timer, too_slow) = abort_after(DOWNLOAD_TIMEOUT_SECS, &this_request);
    let failed_body = |error: String| {
        if too_slow.get() {
            FetchError::TooSlow {
                secs: DOWNLOAD_TIMEOUT_SECS,
            }
        } else {
            failed(error)
        }
    };

    let content_type = response.headers().get("content-type");
    let too_large = FetchError::TooLarge {
        limit_bytes: MAX_IMAGE_BYTES,
    };
    let declared = response
        .headers()
        .get("content-length")
        .and_then(|n| n.trim().parse::<usize>().ok());
    if declared.is_some_and(|n| n > MAX_IMAGE_BYTES) {
        this_request.abort();
        return Err(too_large);
    }

    let mut body = Vec::new();
    let chunks = Array::new();
    if let Some(stream) = response.body() {
        let reader: ReadableStreamDefaultReader = stream.get_reader().unchecked_into();
        loop {
            let step = JsFuture::from(reader.read())
                .await
                .map_err(|e| failed_body(js_error_text(&e)))?;
            if Reflect::get(&step, &"done".into())
                .ok()
                .and_then(|d| d.as_bool())
                == Some(true)
            {
                break;
            }
            let Ok(chunk) =
                Reflect::get(&step, &"value".into()).and_then(|v| v.dyn_into::<Uint8Array>())
            else {
                break;
            };
            if body.len() + chunk.length() as usize > MAX_IMAGE_BYTES {
                // Stop reading here: the rest is never buffered.
                this_request.abort();
                return Err(too_large);
            }
            let at = body.len();
            body.resize(at + chunk.length() as usize, 0);
            chunk.copy_to(&mut body[at..]);
            chunks.push(&chunk);
        }
    }
    let last_byte_ms = now();
    body_timer.cancel();

    // The browser adds the timing entry when it has processed the response's end,
    // which may be a task after our last read: look once more after yielding.
    let mut request_ms = request_started(url, sent_ms);
    if request_ms.is_none() {
        gloo_timers::future::TimeoutFuture::new(0).await;
        request_ms = request_started(url, sent_ms);
    }
    if response.status() < 400 && sniff(&body, content_type.as_deref()).is_ok() {
        show_thumbnail(scope, task, &chunks, content_type.as_deref(), body.len());
    }
    Ok(Fetched {
        status: response.status(),
        status_text: response.status_text(),
        content_type,
        body,
        sent_ms,
        request_ms,
        first_byte_ms,
        last_byte_ms,
    })
}

/// Aborts `request` after `secs` unless the timer is cancelled first; the flag says
/// whether it fired (so the error can say "too slow" rather than "network").
fn abort_after(
    secs: u32,
    request: &AbortController,
) -> (gloo_timers::callback::Timeout, Rc<Cell<bool>>) {
    let fired = Rc::new(Cell::new(false));
    let timer = {
        let fired = fired.clone();
        let request = request.clone();
        gloo_timers::callback::Timeout::new(secs * 1000, move || {
            fired.set(true);
            request.abort();
        })
    };
    (timer, fired)
}

fn network(error: JsValue) -> FetchError {
    FetchError::Network(js_error_text(&error))
}

/// What a JS error says (its message, or the value as text).
fn js_error_text(error: &JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| error.as_string())
        .unwrap_or_else(|| "unknown error".into())
}

/// A thumbnail for the page: `{ type: 'image', task, src, bytes, contentType }`.
#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct ImageEvent<'a> {
    r#type: &'static str,
    task: usize,
    src: String,
    bytes: usize,
    content_type: Option<&'a str>,
}

/// Hands the page an `image` event with an object URL made from the fetched chunks
/// (not from wasm memory: a Blob cannot be made from a view of shared memory). The
/// page revokes it when it clears the run.
fn show_thumbnail(
    scope: &RunScope,
    task: usize,
    chunks: &Array,
    content_type: Option<&str>,
    bytes: usize,
) {
    let options = BlobPropertyBag::new();
    options.set_type(content_type.unwrap_or("application/octet-stream"));
    let Ok(blob) = Blob::new_with_u8_array_sequence_and_options(chunks, &options) else {
        return;
    };
    let Ok(src) = Url::create_object_url_with_blob(&blob) else {
        return;
    };
    let event = ImageEvent {
        r#type: "image",
        task,
        src,
        bytes,
        content_type,
    };
    if let Ok(json) = serde_json::to_string(&[event]) {
        super::deliver(scope.on_event(), &json);
    }
}
