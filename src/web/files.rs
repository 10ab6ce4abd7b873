//! The files a Python program wrote, handed to the page as object URLs. They are
//! made here, on the page's thread, from a copy of the bytes: a Blob cannot be made
//! from a view of shared memory.

use crate::runtime::record::Event;
use js_sys::{Array, Uint8Array};
use web_sys::{Blob, BlobPropertyBag, Url};

/// Gives each `file` event of `batch` the object URL of its bytes (the page revokes
/// it when it clears the run).
pub fn attach_urls(batch: &mut [Event]) {
    for event in batch {
        if let Event::File {
            file, data, src, ..
        } = event
        {
            *src = object_url(data, file.image);
        }
    }
}

fn object_url(data: &[u8], image: Option<&str>) -> Option<String> {
    let copy = Uint8Array::new_with_length(u32::try_from(data.len()).ok()?);
    copy.copy_from(data);
    // Never text/html or an SVG: what the program wrote must not run as a page of
    // this origin when the student opens it.
    let kind = match image {
        Some(format) => format!("image/{format}"),
        None if std::str::from_utf8(data).is_ok() => "text/plain;charset=utf-8".to_owned(),
        None => "application/octet-stream".to_owned(),
    };
    let options = BlobPropertyBag::new();
    options.set_type(&kind);
    let blob = Blob::new_with_u8_array_sequence_and_options(&Array::of1(&copy), &options).ok()?;
    Url::create_object_url_with_blob(&blob).ok()
}
