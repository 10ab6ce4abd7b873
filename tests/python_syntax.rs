//! Syntax errors as CPython 3.11 reports them: `tests/python-syntax/cases.json` holds
//! what CPython says about small programs a student might write (written by
//! `tests/python-syntax/generate.py`); `potoki::python::parse` must say the same, with
//! the same line and column, but for the cases allowed below, each with its reason.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use potoki::python::parse::{parse, LineIndex};
use proptest::prelude::*;
use ruff_python_ast::{Expr, Stmt};

/// "CPython reports this in its compiler, not its parser": these programs must parse,
/// and the compiler here reports them.
const COMPILER: &str =
    "CPython reports this in its compiler, not its parser: the compiler here will";

/// The cases whose error may differ from CPython's, and why.
const ALLOWED: &[(&str, &str)] = &[
    ("return_outside_function", COMPILER),
    ("break_outside_loop", COMPILER),
    ("continue_outside_loop", COMPILER),
    ("yield_outside_function", COMPILER),
    ("await_outside_function", COMPILER),
    ("nonlocal_at_module_level", COMPILER),
    ("duplicate_argument", COMPILER),
    ("global_after_assignment", COMPILER),
    ("keyword_argument_repeated", COMPILER),
    ("star_assign_alone", COMPILER),
];

// ---------------------------------------------------------------------------------
// The cases
// ---------------------------------------------------------------------------------

#[derive(Debug)]
struct Case {
    name: String,
    source: String,
    /// (type, message, line, column); None for a valid program.
    error: Option<(String, String, usize, usize)>,
    /// "parser" or "compiler": where CPython found the error.
    stage: String,
}

fn cases_json() -> Json {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/python-syntax/cases.json"
    );
    let text = std::fs::read_to_string(path).expect("tests/python-syntax/cases.json");
    Json::parse(&text)
}

fn cases() -> Vec<Case> {
    cases_json()
        .get("cases")
        .array()
        .iter()
        .map(|c| {
            let e = c.get("error");
            let error = (!e.is_null()).then(|| {
                (
                    e.get("type").str().to_owned(),
                    e.get("msg").str().to_owned(),
                    e.get("lineno").usize(),
                    e.get("offset").usize(),
                )
            });
            Case {
                name: c.get("name").str().to_owned(),
                source: c.get("source").str().to_owned(),
                stage: if e.is_null() {
                    String::new()
                } else {
                    e.get("stage").str().to_owned()
                },
                error,
            }
        })
        .collect()
}

#[test]
fn syntax_errors_match_cpython() {
    let cases = cases();
    let invalid: Vec<&Case> = cases.iter().filter(|c| c.error.is_some()).collect();
    assert!(invalid.len() >= 60, "{} invalid programs", invalid.len());
    let mut exact = 0;
    let mut failures = Vec::new();
    for case in &invalid {
        let Some((kind, message, line, col)) = &case.error else {
            continue;
        };
        let allowed = ALLOWED.iter().find(|(name, _)| *name == case.name);
        let got = parse(&case.source).err();
        let same = got.as_ref().is_some_and(|e| {
            (e.kind.name(), e.message.as_str(), e.line, e.col)
                == (kind.as_str(), message.as_str(), *line, *col)
        });
        if same {
            exact += 1;
            if allowed.is_some() {
                failures.push(format!(
                    "{}: matches CPython now; take it off the allow-list",
                    case.name
                ));
            }
            continue;
        }
        match allowed {
            Some((_, reason)) if *reason == COMPILER => {
                if case.stage != "compiler" {
                    failures.push(format!(
                        "{}: CPython's parser reports it, not its compiler",
                        case.name
                    ));
                }
                if let Some(e) = got {
                    failures.push(format!(
                        "{}: must parse (the compiler reports it), got {e:?}",
                        case.name
                    ));
                }
            }
            Some(_) => {}
            None => failures.push(format!(
                "{}: {:?}\n    CPython: {kind}: {message} at {line}:{col}\n    here:    {}",
                case.name,
                case.source,
                got.map_or("parses".to_owned(), |e| format!(
                    "{}: {} at {}:{}",
                    e.kind.name(),
                    e.message,
                    e.line,
                    e.col
                )),
            )),
        }
    }
    println!(
        "{exact} of {} syntax errors match CPython exactly",
        invalid.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(
        exact * 5 >= invalid.len() * 4,
        "{exact} of {} match exactly",
        invalid.len()
    );
}

#[test]
fn valid_programs_parse() {
    for case in cases().iter().filter(|c| c.error.is_none()) {
        if let Err(e) = parse(&case.source) {
            panic!("{}: {:?}: {e:?}", case.name, case.source);
        }
    }
}

/// `"\N{name}"` decodes as in CPython, for the names a student might write (the short
/// table in vendor/ruff_unicode_names2 stands in for Unicode's).
#[test]
fn unicode_names_decode_as_in_cpython() {
    let json = cases_json();
    let names = json.get("unicode_names").array();
    assert!(!names.is_empty());
    for entry in names {
        let (name, expected) = (entry.get("name").str(), entry.get("char").str());
        let source = format!("s = \"\\N{{{name}}}\"\n");
        let module = parse(&source).unwrap_or_else(|e| panic!("{name}: {e:?}"));
        let Some(Stmt::Assign(assign)) = module.body.first() else {
            panic!("{name}: not an assignment");
        };
        let Expr::StringLiteral(s) = assign.value.as_ref() else {
            panic!("{name}: not a string");
        };
        assert_eq!(s.value.to_str(), expected, "{name}");
    }
}

proptest! {
    /// Anything at all: an answer, never a panic, and a place inside the source.
    #[test]
    fn parse_never_panics(source in prop_oneof![
        any::<String>(),
        "[ \\t\\n()\\[\\]{}:;,.=+\\-*/<>!#@'\"\\\\a-z0-9_]{0,80}",
        "(if|else|def|for|while|print|f'|'''|\\(|\\)|:|\\n|    |\\t|x|1|=|\\{|\\}|\\\\N\\{|#){0,40}",
    ]) {
        if let Err(e) = parse(&source) {
            let lines = LineIndex::new(&source).line_count();
            prop_assert!(e.line <= lines + 1, "{e:?} in {lines} lines");
            prop_assert!(!e.message.is_empty());
        }
    }
}

// ---------------------------------------------------------------------------------
// Just enough JSON for cases.json (serde_json is not a native dependency here).
// ---------------------------------------------------------------------------------

#[derive(Debug, Clone)]
enum Json {
    Null,
    Bool,
    Number(f64),
    String(String),
    Array(Vec<Json>),
    Object(Vec<(String, Json)>),
}

impl Json {
    fn parse(text: &str) -> Json {
        let mut chars = text.chars().peekable();
        let value = Self::value(&mut chars);
        Self::skip_space(&mut chars);
        assert!(chars.next().is_none(), "trailing text in JSON");
        value
    }

    fn skip_space(chars: &mut std::iter::Peekable<std::str::Chars>) {
        while chars.peek().is_some_and(|c| c.is_whitespace()) {
            chars.next();
        }
    }

    fn value(chars: &mut std::iter::Peekable<std::str::Chars>) -> Json {
        Self::skip_space(chars);
        match chars.peek().copied() {
            Some('{') => {
                chars.next();
                let mut fields = Vec::new();
                loop {
                    Self::skip_space(chars);
                    match chars.next() {
                        Some('}') => return Json::Object(fields),
                        Some(',') => continue,
                        Some('"') => {
                            let key = Self::string(chars);
                            Self::skip_space(chars);
                            assert_eq!(chars.next(), Some(':'));
                            fields.push((key, Self::value(chars)));
                        }
                        other => panic!("JSON: {other:?} in an object"),
                    }
                }
            }
            Some('[') => {
                chars.next();
                let mut items = Vec::new();
                loop {
                    Self::skip_space(chars);
                    match chars.peek() {
                        Some(']') => {
                            chars.next();
                            return Json::Array(items);
                        }
                        Some(',') => {
                            chars.next();
                        }
                        _ => items.push(Self::value(chars)),
                    }
                }
            }
            Some('"') => {
                chars.next();
                Json::String(Self::string(chars))
            }
            Some('n') => Self::word(chars, "null", Json::Null),
            Some('t') => Self::word(chars, "true", Json::Bool),
            Some('f') => Self::word(chars, "false", Json::Bool),
            _ => {
                let mut number = String::new();
                while let Some(&c) = chars
                    .peek()
                    .filter(|c| c.is_ascii_digit() || "+-.eE".contains(**c))
                {
                    number.push(c);
                    chars.next();
                }
                Json::Number(
                    number
                        .parse()
                        .unwrap_or_else(|_| panic!("JSON number {number:?}")),
                )
            }
        }
    }

    fn word(chars: &mut std::iter::Peekable<std::str::Chars>, word: &str, value: Json) -> Json {
        for expected in word.chars() {
            assert_eq!(chars.next(), Some(expected));
        }
        value
    }

    fn string(chars: &mut std::iter::Peekable<std::str::Chars>) -> String {
        let mut s = String::new();
        loop {
            match chars.next().expect("unterminated JSON string") {
                '"' => return s,
                '\\' => match chars.next().expect("JSON escape") {
                    'n' => s.push('\n'),
                    't' => s.push('\t'),
                    'r' => s.push('\r'),
                    'b' => s.push('\u{8}'),
                    'f' => s.push('\u{c}'),
                    'u' => {
                        let hex = |chars: &mut std::iter::Peekable<std::str::Chars>| {
                            let digits: String = chars.take(4).collect();
                            u32::from_str_radix(&digits, 16).expect("JSON \\u escape")
                        };
                        let mut code = hex(chars);
                        if (0xD800..0xDC00).contains(&code) {
                            assert_eq!((chars.next(), chars.next()), (Some('\\'), Some('u')));
                            code = 0x10000 + ((code - 0xD800) << 10) + (hex(chars) - 0xDC00);
                        }
                        s.push(char::from_u32(code).expect("JSON character"));
                    }
                    c => s.push(c),
                },
                c => s.push(c),
            }
        }
    }

    fn get(&self, key: &str) -> &Json {
        match self {
            Json::Object(fields) => fields
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v)
                .unwrap_or_else(|| panic!("JSON: no {key:?}")),
            _ => panic!("JSON: {key:?} of a non-object"),
        }
    }

    fn array(&self) -> &[Json] {
        match self {
            Json::Array(items) => items,
            _ => panic!("JSON: not an array"),
        }
    }

    fn str(&self) -> &str {
        match self {
            Json::String(s) => s,
            _ => panic!("JSON: not a string"),
        }
    }

    fn is_null(&self) -> bool {
        matches!(self, Json::Null)
    }

    /// A position; CPython's `None` (no position at all) is 0.
    fn usize(&self) -> usize {
        match self {
            Json::Null => 0,
            Json::Number(n) if *n >= 0.0 => *n as usize,
            Json::Number(_) | Json::Bool => 0,
            _ => panic!("JSON: not a number"),
        }
    }
}
