//! The page's words in a run (a failed download's, a cancelled task's), and Python's
//! way of writing numbers and typed text in them.

use serde::Serialize;

/// The language of the printed lines. Russian lines are the lesson's, verbatim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Ru,
    En,
}

impl Lang {
    pub fn parse(text: &str) -> Option<Lang> {
        match text.trim() {
            "ru" => Some(Lang::Ru),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    pub fn network_error(self) -> &'static str {
        match self {
            Lang::Ru => {
                "ConnectionError: сеть недоступна или запрос заблокирован CORS. Сервер картинки \
                 должен присылать Access-Control-Allow-Origin: страница изолирована \
                 (Cross-Origin-Embedder-Policy: require-corp), и картинки с других сайтов \
                 загружаются только через CORS"
            }
            Lang::En => {
                "ConnectionError: the network failed or CORS blocked the request. The image's \
                 server must send Access-Control-Allow-Origin: this page is cross-origin \
                 isolated (Cross-Origin-Embedder-Policy: require-corp), so images from other \
                 sites load only through CORS"
            }
        }
    }

    pub fn too_large(self, limit_mb: usize) -> String {
        match self {
            Lang::Ru => format!("ValueError: картинка больше {limit_mb} MB, чтение остановлено"),
            Lang::En => format!("ValueError: the image is over {limit_mb} MB; reading stopped"),
        }
    }

    pub fn no_first_byte(self, secs: u32) -> String {
        match self {
            Lang::Ru => format!("TimeoutError: сервер не прислал ни байта за {secs} s"),
            Lang::En => format!("TimeoutError: no first byte from the server in {secs} s"),
        }
    }

    pub fn too_slow(self, secs: u32) -> String {
        match self {
            Lang::Ru => {
                format!("TimeoutError: картинка качалась дольше {secs} s, загрузка остановлена")
            }
            Lang::En => {
                format!("TimeoutError: the download took longer than {secs} s and was stopped")
            }
        }
    }

    /// What `print(f.result())` shows when the task was cancelled before it ran.
    pub fn cancelled(self) -> &'static str {
        match self {
            Lang::Ru => "CancelledError: задача отменена",
            Lang::En => "CancelledError: the task was cancelled",
        }
    }
}

/// Writes `text` in double quotes, escaped, as an error message shows what was typed:
/// `"abc"`, `"a\"b"`. (Not `{:?}`: the wasm build leaves Debug formatting out.)
pub fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// How Python's `str()` writes a float: `1.0`, `5.01`, `0.1`, `1e-05`.
pub fn python_float(x: f64) -> String {
    if x == 0.0 {
        return "0.0".into();
    }
    if x.abs() < 1e-4 || x.abs() >= 1e16 {
        // Python: one or more mantissa digits, `e`, a sign and at least two exponent digits.
        let text = format!("{x:e}");
        let (mantissa, exponent) = text.split_once('e').unwrap_or((&text, "0"));
        let (sign, digits) = match exponent.strip_prefix('-') {
            Some(digits) => ('-', digits),
            None => ('+', exponent),
        };
        return format!("{mantissa}e{sign}{digits:0>2}");
    }
    let text = format!("{x}");
    if text.contains('.') {
        text
    } else {
        format!("{text}.0")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_are_written_as_python_writes_them() {
        assert_eq!(python_float(1.0), "1.0");
        assert_eq!(python_float(5.01), "5.01");
        assert_eq!(python_float(0.1), "0.1");
        assert_eq!(python_float(1.5), "1.5");
        assert_eq!(python_float(0.0), "0.0");
        assert_eq!(python_float(0.00001), "1e-05");
        assert_eq!(python_float(12.0), "12.0");
    }

    #[test]
    fn typed_text_is_quoted_and_escaped() {
        assert_eq!(quote("abc"), r#""abc""#);
        assert_eq!(quote("a\"b\\c"), r#""a\"b\\c""#);
        assert_eq!(quote("x\ny\u{7}"), r#""x\ny\u{7}""#);
        assert_eq!(quote("юникод <img>"), r#""юникод <img>""#);
    }
}
