//! A plan's list of tasks, checked item by item: seconds to sleep, images to
//! download, or how far to count primes. Every refusal names its item.

use super::{
    refuse, PlanError, MAX_COMPUTE_N, MAX_IMAGES, MAX_SLEEP_SECS, MAX_TASKS, MAX_TOTAL_COMPUTE_N,
    MAX_TOTAL_SLEEP_SECS,
};
use crate::runtime::image::{Image, UrlProblem};
use crate::runtime::lines::{python_float, quote};
use serde::Serialize;

/// A `sleep` argument: its value and how Python would print it (`2`, `1.5`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Secs {
    pub secs: f64,
    pub text: String,
}

impl Secs {
    pub fn ms(&self) -> f64 {
        self.secs * 1000.0
    }
}

/// One task's argument: seconds to sleep, an image to download, or how far to
/// count primes (CPU work).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Arg {
    Secs(Secs),
    Image(Image),
    Compute { n: u64 },
}

/// Splits a typed list into its items: `[5, 4, 3]`, `5,4,3` and `5 4 3` all give
/// three. An empty text gives no items.
pub fn split_list(text: &str) -> Vec<String> {
    let inner = text.trim();
    let inner = inner.strip_prefix('[').unwrap_or(inner);
    let inner = inner.strip_suffix(']').unwrap_or(inner);
    inner
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|item| !item.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Shortens what the student typed for an error message, so a 10 kB paste does not
/// become a 10 kB message.
pub(super) fn quoted(text: &str) -> String {
    const MAX: usize = 24;
    if text.chars().count() <= MAX {
        quote(text)
    } else {
        let head: String = text.chars().take(MAX).collect();
        format!("{}…", quote(&head))
    }
}

pub(super) fn parse_secs(place: &str, item: &str) -> Result<Secs, PlanError> {
    let item = item.trim();
    let Ok(secs) = item.parse::<f64>() else {
        return refuse(place, format!("{} is not a number", quoted(item)));
    };
    if !secs.is_finite() {
        return refuse(place, format!("{} is not a number", quoted(item)));
    }
    if secs < 0.0 {
        return refuse(
            place,
            format!("{item} is negative; sleep() needs 0 or more seconds"),
        );
    }
    if secs > MAX_SLEEP_SECS {
        return refuse(
            place,
            format!("{item} s is longer than a sleep may be here ({MAX_SLEEP_SECS} s)"),
        );
    }
    // Python keeps `2` an int and `2.0` a float, and prints them so.
    let is_int = item
        .trim_start_matches(['+', '-'])
        .bytes()
        .all(|b| b.is_ascii_digit());
    let text = if is_int {
        format!("{}", secs as u64)
    } else {
        python_float(secs)
    };
    Ok(Secs { secs, text })
}

/// A list of numbers has at least one, and no more tasks than a run may have.
fn check_count(place: &str, items: &[String]) -> Result<(), PlanError> {
    if items.is_empty() {
        return refuse(place, "the list is empty; give at least one number");
    }
    if items.len() > MAX_TASKS {
        return refuse(
            place,
            format!(
                "{} tasks are more than a run may have ({MAX_TASKS})",
                items.len()
            ),
        );
    }
    Ok(())
}

pub(super) fn parse_all_secs(items: &[String]) -> Result<Vec<Arg>, PlanError> {
    check_count("secs", items)?;
    let secs = items
        .iter()
        .enumerate()
        .map(|(i, item)| parse_secs(&format!("secs[{i}]"), item))
        .collect::<Result<Vec<_>, _>>()?;
    let total: f64 = secs.iter().map(|s| s.secs).sum();
    if total > MAX_TOTAL_SLEEP_SECS {
        return refuse(
            "secs",
            format!(
                "{} s of sleep in all is more than a run may take ({MAX_TOTAL_SLEEP_SECS} s)",
                python_float(total)
            ),
        );
    }
    Ok(secs.into_iter().map(Arg::Secs).collect())
}

pub(super) fn parse_compute(items: &[String]) -> Result<Vec<Arg>, PlanError> {
    check_count("compute", items)?;
    let mut total: u64 = 0;
    let mut args = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let place = format!("compute[{i}]");
        let item = item.trim().replace('_', "");
        let Ok(n) = item.parse::<u64>() else {
            return refuse(place, format!("{} is not a whole number", quoted(&item)));
        };
        if n > MAX_COMPUTE_N {
            return refuse(
                place,
                format!("{n} is more than count_primes may count to here ({MAX_COMPUTE_N})"),
            );
        }
        total = total.saturating_add(n);
        args.push(Arg::Compute { n });
    }
    if total > MAX_TOTAL_COMPUTE_N {
        return refuse(
            "compute",
            format!("{total} in all is more than a run may count ({MAX_TOTAL_COMPUTE_N})"),
        );
    }
    Ok(args)
}

pub(super) fn parse_images(items: &[String]) -> Result<Vec<Arg>, PlanError> {
    if items.len() > MAX_IMAGES {
        return refuse(
            "images",
            format!(
                "{} images are more than a run may download ({MAX_IMAGES})",
                items.len()
            ),
        );
    }
    // Blank lines of the editor are skipped; the place names the item among the
    // others and the line it stands on.
    let mut images = Vec::new();
    for (line, item) in items
        .iter()
        .enumerate()
        .filter(|(_, item)| !item.trim().is_empty())
    {
        let place = format!("images[{}] (line {})", images.len(), line + 1);
        let image = Image::parse(item).or_else(|problem| {
            let reason = match problem {
                UrlProblem::Empty => "is empty".to_owned(),
                UrlProblem::TooLong => format!(
                    "the URL is longer than {} characters",
                    crate::runtime::image::MAX_URL_CHARS
                ),
                UrlProblem::NotHttp => {
                    format!("{} is not an http(s) or relative URL", quoted(item.trim()))
                }
            };
            refuse(place, reason)
        })?;
        images.push(Arg::Image(image));
    }
    if images.is_empty() {
        return refuse("images", "the list is empty; give at least one URL");
    }
    Ok(images)
}
