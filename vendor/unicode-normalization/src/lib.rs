//! The part of unicode-normalization that Ruff's parser uses: NFKC, which Python
//! applies to identifiers (PEP 3131: `ﬁle` and `file` are one name). The parser asks
//! only for non-ASCII identifiers, so this is off every common path.

#![deny(unsafe_code)]

/// `text.nfkc()`: the characters of `text` in Normalization Form KC.
pub trait UnicodeNormalization<I: Iterator<Item = char>> {
    fn nfkc(self) -> std::vec::IntoIter<char>;
}

impl<'a> UnicodeNormalization<std::str::Chars<'a>> for &'a str {
    fn nfkc(self) -> std::vec::IntoIter<char> {
        nfkc(self).chars().collect::<Vec<_>>().into_iter()
    }
}

/// Whether `text` is already in Normalization Form KC.
pub fn is_nfkc(text: &str) -> bool {
    text.is_ascii() || nfkc(text) == text
}

/// In the browser: the browser's own tables, so the wasm carries none.
#[cfg(target_arch = "wasm32")]
fn nfkc(text: &str) -> String {
    String::from(js_sys::JsString::from(text).normalize("NFKC"))
}

#[cfg(not(target_arch = "wasm32"))]
fn nfkc(text: &str) -> String {
    // The fork pairs each character with how it moved the text's length.
    original::UnicodeNormalization::nfkc(text)
        .map(|(c, _)| c)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compatibility_characters_become_their_plain_letters() {
        assert_eq!("ﬁle".nfkc().collect::<String>(), "file");
        assert_eq!("ｘ²".nfkc().collect::<String>(), "x2");
        assert!(!is_nfkc("ﬁle") && is_nfkc("поток") && is_nfkc("file"));
    }
}
