//! `python::format` against CPython 3.11: every case of `tests/python-format/cases.json`
//! (written by `tests/python-format/generate.py` with `python3`). All mismatches are
//! listed before the test fails.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test stops loudly

use std::collections::BTreeMap;
use std::str::FromStr;

use num_bigint::BigInt;
use potoki::python::format::{self as pyfmt, PercentArg};

/// Just enough JSON for cases.json.
#[derive(Debug, Clone, PartialEq)]
enum Json {
    Null,
    Bool(bool),
    Number(f64),
    Str(String),
    List(Vec<Json>),
    Object(BTreeMap<String, Json>),
}

struct Parser<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl Parser<'_> {
    fn skip_space(&mut self) {
        while matches!(self.bytes.get(self.pos), Some(b' ' | b'\n' | b'\r' | b'\t')) {
            self.pos += 1;
        }
    }

    fn expect(&mut self, byte: u8) {
        self.skip_space();
        assert_eq!(
            self.bytes.get(self.pos),
            Some(&byte),
            "JSON: expected {} at {}",
            byte as char,
            self.pos
        );
        self.pos += 1;
    }

    fn value(&mut self) -> Json {
        self.skip_space();
        match self.bytes.get(self.pos) {
            Some(b'n') => self.word("null", Json::Null),
            Some(b't') => self.word("true", Json::Bool(true)),
            Some(b'f') => self.word("false", Json::Bool(false)),
            Some(b'"') => Json::Str(self.string()),
            Some(b'[') => {
                self.pos += 1;
                let mut items = Vec::new();
                self.skip_space();
                if self.bytes.get(self.pos) == Some(&b']') {
                    self.pos += 1;
                    return Json::List(items);
                }
                loop {
                    items.push(self.value());
                    self.skip_space();
                    match self.bytes.get(self.pos) {
                        Some(b',') => self.pos += 1,
                        Some(b']') => {
                            self.pos += 1;
                            return Json::List(items);
                        }
                        other => panic!("JSON: bad list at {}: {other:?}", self.pos),
                    }
                }
            }
            Some(b'{') => {
                self.pos += 1;
                let mut fields = BTreeMap::new();
                self.skip_space();
                if self.bytes.get(self.pos) == Some(&b'}') {
                    self.pos += 1;
                    return Json::Object(fields);
                }
                loop {
                    self.skip_space();
                    let key = self.string();
                    self.expect(b':');
                    fields.insert(key, self.value());
                    self.skip_space();
                    match self.bytes.get(self.pos) {
                        Some(b',') => self.pos += 1,
                        Some(b'}') => {
                            self.pos += 1;
                            return Json::Object(fields);
                        }
                        other => panic!("JSON: bad object at {}: {other:?}", self.pos),
                    }
                }
            }
            _ => {
                let start = self.pos;
                while matches!(
                    self.bytes.get(self.pos),
                    Some(b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9')
                ) {
                    self.pos += 1;
                }
                let text = std::str::from_utf8(&self.bytes[start..self.pos]).unwrap();
                Json::Number(
                    text.parse()
                        .unwrap_or_else(|_| panic!("JSON: bad number at {start}")),
                )
            }
        }
    }

    fn word(&mut self, word: &str, value: Json) -> Json {
        assert!(
            self.bytes[self.pos..].starts_with(word.as_bytes()),
            "JSON: bad word at {}",
            self.pos
        );
        self.pos += word.len();
        value
    }

    fn hex4(&mut self) -> u32 {
        let text = std::str::from_utf8(&self.bytes[self.pos..self.pos + 4]).unwrap();
        self.pos += 4;
        u32::from_str_radix(text, 16).unwrap()
    }

    fn string(&mut self) -> String {
        self.expect(b'"');
        let mut out = String::new();
        loop {
            let byte = self.bytes[self.pos];
            self.pos += 1;
            match byte {
                b'"' => return out,
                b'\\' => {
                    let escape = self.bytes[self.pos];
                    self.pos += 1;
                    match escape {
                        b'n' => out.push('\n'),
                        b't' => out.push('\t'),
                        b'r' => out.push('\r'),
                        b'b' => out.push('\u{8}'),
                        b'f' => out.push('\u{c}'),
                        b'u' => {
                            let mut code = self.hex4();
                            if (0xD800..0xDC00).contains(&code)
                                && self.bytes[self.pos..].starts_with(b"\\u")
                            {
                                self.pos += 2;
                                let low = self.hex4();
                                code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
                            }
                            out.push(char::from_u32(code).expect("JSON: a lone surrogate"));
                        }
                        other => out.push(other as char),
                    }
                }
                _ => {
                    // Multi-byte UTF-8 (cases.json is ASCII, but be safe).
                    let start = self.pos - 1;
                    let mut end = self.pos;
                    while end < self.bytes.len() && (self.bytes[end] & 0xC0) == 0x80 {
                        end += 1;
                    }
                    out.push_str(std::str::from_utf8(&self.bytes[start..end]).unwrap());
                    self.pos = end;
                }
            }
        }
    }
}

impl Json {
    fn str(&self) -> &str {
        match self {
            Json::Str(s) => s,
            other => panic!("not a string: {other:?}"),
        }
    }
    fn int(&self) -> i64 {
        match self {
            Json::Number(n) => *n as i64,
            other => panic!("not a number: {other:?}"),
        }
    }
    fn list(&self) -> &[Json] {
        match self {
            Json::List(items) => items,
            other => panic!("not a list: {other:?}"),
        }
    }
    fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Object(fields) => fields.get(key).filter(|v| **v != Json::Null),
            _ => None,
        }
    }
}

fn float_of(bits: &str) -> f64 {
    f64::from_bits(u64::from_str_radix(bits, 16).unwrap())
}

fn bits_of(x: f64) -> String {
    format!("{:016x}", x.to_bits())
}

fn bigint_of(text: &str) -> BigInt {
    BigInt::from_str(text).unwrap()
}

/// A %-format argument as generate.py recorded it.
struct Arg {
    type_name: String,
    str: String,
    repr: String,
    int: Option<BigInt>,
    float: Option<f64>,
}

impl PercentArg for Arg {
    fn as_int(&self) -> Option<BigInt> {
        self.int.clone()
    }
    fn as_float(&self) -> Option<f64> {
        self.float
    }
    fn to_str(&self) -> String {
        self.str.clone()
    }
    fn to_repr(&self) -> String {
        self.repr.clone()
    }
    fn type_name(&self) -> String {
        self.type_name.clone()
    }
}

/// A float result as bits, with every nan the same.
fn float_result(x: f64) -> String {
    if x.is_nan() {
        bits_of(f64::NAN)
    } else {
        bits_of(x)
    }
}

/// Runs one case: its result as cases.json writes it.
fn run(function: &str, args: &[Json]) -> Result<String, String> {
    let arg = |i: usize| &args[i];
    match function {
        "float_repr" => Ok(pyfmt::float_repr(float_of(arg(0).str()))),
        "format_float" => pyfmt::format_float(float_of(arg(0).str()), arg(1).str()),
        "format_int" => pyfmt::format_int(&bigint_of(arg(0).str()), arg(1).str()),
        "format_str" => pyfmt::format_str(arg(0).str(), arg(1).str()),
        "int_to_str_radix" => Ok(pyfmt::int_to_str_radix(
            &bigint_of(arg(0).str()),
            arg(1).int() as u32,
        )),
        "int_to_prefixed" => Ok(pyfmt::int_to_prefixed(
            &bigint_of(arg(0).str()),
            arg(1).int() as u32,
        )),
        "round_float" => {
            let (x, n) = (float_of(arg(0).str()), arg(1).int());
            let checked = pyfmt::try_round_float(x, n);
            // round_float: the same value, or an infinity where try_round_float errs.
            let plain = pyfmt::round_float(x, n);
            let agrees = match &checked {
                Ok(value) => float_result(*value) == float_result(plain),
                Err(_) => plain.is_infinite() && plain.is_sign_negative() == x.is_sign_negative(),
            };
            if !agrees {
                return Err(format!(
                    "round_float gives {plain}, try_round_float {checked:?}"
                ));
            }
            checked.map(float_result)
        }
        "round_float_to_int" => {
            pyfmt::round_float_to_int(float_of(arg(0).str())).map(|n| n.to_string())
        }
        "parse_float" => pyfmt::parse_float(arg(0).str()).map(float_result),
        "parse_int" => pyfmt::parse_int(arg(0).str(), arg(1).int() as u32).map(|n| n.to_string()),
        "percent_format" => {
            let values: Vec<Arg> = arg(1)
                .list()
                .iter()
                .map(|v| {
                    let str = v.get("str").unwrap().str().to_string();
                    Arg {
                        type_name: v.get("type").unwrap().str().to_string(),
                        repr: v
                            .get("repr")
                            .map_or_else(|| str.clone(), |r| r.str().to_string()),
                        str,
                        int: v.get("int").map(|n| bigint_of(n.str())),
                        float: v.get("float").map(|f| float_of(f.str())),
                    }
                })
                .collect();
            let refs: Vec<&dyn PercentArg> = values.iter().map(|v| v as &dyn PercentArg).collect();
            pyfmt::percent_format(arg(0).str(), &refs)
        }
        other => panic!("unknown function {other}"),
    }
}

fn shorten(text: &str) -> String {
    if text.chars().count() > 300 {
        format!(
            "{}... ({} chars)",
            text.chars().take(300).collect::<String>(),
            text.chars().count()
        )
    } else {
        text.to_string()
    }
}

#[test]
fn cpython_cases() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/python-format/cases.json"
    );
    let text = std::fs::read_to_string(path).unwrap();
    let mut parser = Parser {
        bytes: text.as_bytes(),
        pos: 0,
    };
    let cases = parser.value();
    let cases = cases.list();
    let mut failures = Vec::new();
    for case in cases {
        let function = case.get("fn").unwrap().str();
        let args = case.get("args").unwrap().list();
        let got = run(function, args);
        let expected_float = matches!(function, "round_float" | "parse_float");
        let expected = match (case.get("expected"), case.get("error")) {
            (Some(value), _) if expected_float => Ok(float_result(float_of(value.str()))),
            (Some(value), _) => Ok(value.str().to_string()),
            (None, Some(error)) => Err(error.str().to_string()),
            _ => panic!("case without a result: {case:?}"),
        };
        let mut problem = None;
        if got != expected {
            problem = Some(format!(
                "got {}, want {}",
                shorten(&format!("{got:?}")),
                shorten(&format!("{expected:?}"))
            ));
        } else if let (Err(message), Some(want_type)) = (&got, case.get("error_type")) {
            let got_type = pyfmt::exception_type_of(message);
            if got_type != want_type.str() {
                problem = Some(format!(
                    "exception type {got_type}, want {}",
                    want_type.str()
                ));
            }
        }
        if let Some(problem) = problem {
            let args: Vec<String> = args.iter().map(|a| shorten(&format!("{a:?}"))).collect();
            failures.push(format!("{function}({}): {problem}", args.join(", ")));
        }
    }
    for failure in &failures {
        eprintln!("{failure}");
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases differ from CPython (listed above)",
        failures.len(),
        cases.len()
    );
    eprintln!("{} cases agree with CPython", cases.len());
}

/// What CPython cannot be asked through cases.json.
#[test]
fn beyond_cpython() {
    struct Int(i64);
    impl PercentArg for Int {
        fn as_int(&self) -> Option<BigInt> {
            Some(BigInt::from(self.0))
        }
        fn as_float(&self) -> Option<f64> {
            None
        }
        fn to_str(&self) -> String {
            self.0.to_string()
        }
        fn to_repr(&self) -> String {
            self.0.to_string()
        }
        fn type_name(&self) -> String {
            "int".into()
        }
    }
    let message = pyfmt::percent_format("%(name)s", &[&Int(1)]).unwrap_err();
    assert_eq!(pyfmt::exception_type_of(&message), "NotImplementedError");
    // Lone surrogates cannot be held in a Rust str.
    let message = pyfmt::format_int(&BigInt::from(0xD800), "c").unwrap_err();
    assert_eq!(pyfmt::exception_type_of(&message), "NotImplementedError");
    // Results too long to build are a MemoryError, not an abort.
    for message in [
        pyfmt::format_int(&BigInt::from(1), "999999999999").unwrap_err(),
        pyfmt::format_float(1.5, ".2000000000f").unwrap_err(),
        pyfmt::format_str("a", ">999999999999").unwrap_err(),
        pyfmt::percent_format("%999999999999d", &[&Int(1)]).unwrap_err(),
        pyfmt::percent_format("%.999999999d", &[&Int(1)]).unwrap_err(),
        pyfmt::percent_format("%*d", &[&Int(1 << 40), &Int(1)]).unwrap_err(),
    ] {
        assert_eq!(
            pyfmt::exception_type_of(&message),
            "MemoryError",
            "{message}"
        );
    }
    // A huge precision that prints few characters is fine, as in CPython.
    assert_eq!(pyfmt::format_float(1.5, ".1000000000g").unwrap(), "1.5");
    assert_eq!(pyfmt::int_to_str_radix(&BigInt::from(255), 99), "255");
    assert_eq!(pyfmt::str_repr("it's \u{1}"), "\"it's \\x01\"");
}
