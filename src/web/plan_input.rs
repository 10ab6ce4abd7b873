//! A plan as JS passed it (`{ scenario, secs | images | compute, workers, lang, code,
//! gil }`, arrays or text), read field by field as the student wrote it.

use super::{base_url, js_string};
use crate::runtime::plan::{split_list, PlanInput};
use js_sys::{Array, Reflect};
use wasm_bindgen::prelude::*;

/// Reads `{ scenario, secs | images | compute, workers, lang }` as the student wrote them.
pub(super) fn plan_input(plan: &JsValue) -> PlanInput {
    let field = |name: &str| {
        Reflect::get(plan, &JsValue::from_str(name))
            .ok()
            .filter(|v| !v.is_undefined() && !v.is_null())
    };
    let text = |value: JsValue| js_string(&value).ok();
    // An array gives one item per element; a text is split by `split`.
    let items = |value: JsValue, split: fn(&str) -> Vec<String>| {
        if Array::is_array(&value) {
            Array::from(&value)
                .iter()
                .map(|item| text(item).unwrap_or_default())
                .collect()
        } else {
            split(&text(value).unwrap_or_default())
        }
    };
    let base = base_url();
    PlanInput {
        scenario: field("scenario").and_then(text),
        secs: field("secs").map(|secs| items(secs, split_list)),
        images: field("images").map(|images| {
            items(images, split_lines)
                .into_iter()
                .map(|url| resolve(&url, &base))
                .collect()
        }),
        compute: field("compute").map(|n| items(n, split_list)),
        workers: field("workers").and_then(text),
        lang: field("lang").and_then(text),
        code: field("code").and_then(text),
        gil: field("gil").and_then(text),
    }
}

/// One URL per line (the page's editor) or per comma (the `images=` URL parameter).
fn split_lines(text: &str) -> Vec<String> {
    let separator = if text.contains('\n') { '\n' } else { ',' };
    text.split(separator)
        .map(|line| line.trim().to_owned())
        .collect()
}

/// Resolves a relative URL against the page; leaves what cannot be resolved as it
/// was, for the plan to refuse with its place.
fn resolve(url: &str, base: &str) -> String {
    if url.trim().is_empty() {
        return String::new();
    }
    web_sys::Url::new_with_base(url.trim(), base).map_or_else(|_| url.to_owned(), |u| u.href())
}
