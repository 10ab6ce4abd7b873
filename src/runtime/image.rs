//! The lesson's images: which URLs a task may fetch, the file name it prints, and
//! whether what came back is an image at all.

use crate::runtime::lines::quote;
use serde::Serialize;

/// The longest URL accepted.
pub const MAX_URL_CHARS: usize = 2048;

/// An image to download: its absolute URL and the name `download_one_image` prints.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Image {
    pub url: String,
    pub name: String,
}

/// Why a URL is refused (the plan adds the place).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UrlProblem {
    NotHttp,
    TooLong,
    Empty,
}

impl Image {
    /// Accepts an absolute `http(s)` URL (the page resolves relative ones first).
    ///
    /// # Errors
    /// The [`UrlProblem`]: other schemes (`javascript:`, `data:`, `file:`), spaces or
    /// control characters, a missing host, or a URL over [`MAX_URL_CHARS`].
    pub fn parse(text: &str) -> Result<Image, UrlProblem> {
        let url = text.trim();
        if url.is_empty() {
            return Err(UrlProblem::Empty);
        }
        if url.chars().count() > MAX_URL_CHARS {
            return Err(UrlProblem::TooLong);
        }
        let lower = url.to_ascii_lowercase();
        let rest = lower
            .strip_prefix("https://")
            .or_else(|| lower.strip_prefix("http://"))
            .ok_or(UrlProblem::NotHttp)?;
        if rest.is_empty()
            || rest.starts_with('/')
            || url.chars().any(|c| c.is_whitespace() || c.is_control())
        {
            return Err(UrlProblem::NotHttp);
        }
        Ok(Image {
            url: url.to_owned(),
            name: file_name(url),
        })
    }
}

/// The lesson's `image_url.split('/')[6]`: the last part of the path, without the
/// query; the host when the path is empty.
pub fn file_name(url: &str) -> String {
    let without_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    let path = without_scheme.split(['?', '#']).next().unwrap_or("");
    let mut parts = path.split('/').filter(|part| !part.is_empty());
    let host = parts.next().unwrap_or("");
    parts.next_back().unwrap_or(host).to_owned()
}

/// Checks the first bytes of a body: returns the image format, or why it is not one.
///
/// # Errors
/// A short description of what came instead (its content type and first characters).
pub fn sniff(body: &[u8], content_type: Option<&str>) -> Result<&'static str, String> {
    let starts = |magic: &[u8]| body.starts_with(magic);
    let kind = if starts(&[0xFF, 0xD8, 0xFF]) {
        Some("jpeg")
    } else if starts(b"\x89PNG\r\n\x1a\n") {
        Some("png")
    } else if starts(b"GIF87a") || starts(b"GIF89a") {
        Some("gif")
    } else if body.len() >= 12 && starts(b"RIFF") && &body[8..12] == b"WEBP" {
        Some("webp")
    } else if body.len() >= 12
        && &body[4..8] == b"ftyp"
        && matches!(&body[8..12], b"avif" | b"avis")
    {
        Some("avif")
    } else if starts(b"BM") {
        Some("bmp")
    } else if content_type.is_some_and(|t| t.starts_with("image/svg+xml")) && looks_like_svg(body) {
        Some("svg")
    } else {
        None
    };
    kind.ok_or_else(|| {
        let head: String = String::from_utf8_lossy(&body[..body.len().min(24)])
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        format!(
            "{}, {}…",
            content_type.unwrap_or("no content type"),
            quote(head.trim())
        )
    })
}

fn looks_like_svg(body: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&body[..body.len().min(512)]).to_ascii_lowercase();
    head.contains("<svg")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_name_is_the_last_part_of_the_path_as_in_the_lesson() {
        let url = "https://images.freeimages.com/images/large-previews/4cb/paw-1394447.jpg";
        assert_eq!(file_name(url), "paw-1394447.jpg");
        assert_eq!(
            file_name("http://127.0.0.1:8000/images/doggy-1382866.jpg?delay=300"),
            "doggy-1382866.jpg"
        );
        assert_eq!(file_name("https://example.com/a/b/"), "b");
        assert_eq!(file_name("https://example.com"), "example.com");
        assert_eq!(file_name("https://example.com/x.png#frag"), "x.png");
    }

    #[test]
    fn only_http_and_https_urls_are_accepted() {
        assert!(Image::parse("https://example.com/a.jpg").is_ok());
        assert!(Image::parse("HTTP://example.com/a.jpg").is_ok());
        for bad in [
            "javascript:alert(1)",
            "data:image/png;base64,AAAA",
            "file:///etc/passwd",
            "ftp://x/y",
            "/relative.jpg",
            "http://",
            "https:///x",
            "http://a b/c",
        ] {
            assert_eq!(Image::parse(bad), Err(UrlProblem::NotHttp), "{bad}");
        }
        assert_eq!(Image::parse("  "), Err(UrlProblem::Empty));
        let long = format!("https://example.com/{}", "a".repeat(MAX_URL_CHARS));
        assert_eq!(Image::parse(&long), Err(UrlProblem::TooLong));
    }

    #[test]
    fn images_are_told_from_other_bodies_by_their_first_bytes() {
        assert_eq!(
            sniff(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0], Some("image/jpeg")),
            Ok("jpeg")
        );
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n....", None), Ok("png"));
        assert_eq!(
            sniff(b"RIFF\0\0\0\0WEBPVP8 ", Some("image/webp")),
            Ok("webp")
        );
        assert_eq!(
            sniff(
                b"<svg xmlns='http://www.w3.org/2000/svg'/>",
                Some("image/svg+xml")
            ),
            Ok("svg")
        );
        let html = sniff(b"<!doctype html><html>", Some("text/html; charset=utf-8")).unwrap_err();
        assert_eq!(
            html,
            r#"text/html; charset=utf-8, "<!doctype html><html>"…"#
        );
        // A server that calls HTML an image is still not believed.
        assert!(sniff(b"<html>", Some("image/jpeg")).is_err());
        assert!(sniff(b"", Some("image/jpeg")).is_err());
    }
}
