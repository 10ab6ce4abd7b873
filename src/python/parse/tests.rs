//! The syntax errors' words and places, and the parser's own checks.

use super::*;

fn error(source: &str) -> SyntaxError {
    match parse(source) {
        Ok(_) => panic!("{source:?} parsed"),
        Err(e) => e,
    }
}

#[test]
fn line_index() {
    let index = LineIndex::new("a = 1\r\nпривет = 2\rb\n");
    assert_eq!(index.line_col(TextSize::new(0)), (1, 1));
    assert_eq!(index.line_col(TextSize::new(4)), (1, 5));
    assert_eq!(index.line_col(TextSize::new(7)), (2, 1));
    // After "привет" (12 bytes, 6 characters).
    assert_eq!(index.line_col(TextSize::new(19)), (2, 7));
    assert_eq!(index.line_col(TextSize::new(24)), (3, 1));
    assert_eq!(index.line_col(TextSize::new(1000)), (4, 1));
    assert_eq!(index.line_text(1), "a = 1");
    assert_eq!(index.line_text(2), "привет = 2");
    assert_eq!(index.line_text(3), "b");
    assert_eq!(index.line_text(0), "");
    assert_eq!(index.line_text(9), "");
    assert_eq!(index.line_count(), 3);
    // Inside a character: the column of that character.
    assert_eq!(index.line_col(TextSize::new(8)), (2, 1));
}

#[test]
fn valid_programs_parse() {
    for source in [
        "",
        "\n\n",
        "# comment",
        "print('hi')",
        "if x:\n    pass\nelse:\n    pass\n",
        "s = '\\N{bullet} \\N{EM DASH} \\N{cyrillic small letter ya}'\n",
        "x = f'{a!r:>{width}} {b:{c}}'\n",
        "\u{feff}print(1)\n",
    ] {
        assert!(
            parse(source).is_ok(),
            "{source:?}: {:?}",
            parse(source).err()
        );
    }
}

#[test]
fn names_outside_the_short_table_are_unknown() {
    let e = error("s = '\\N{LATIN CAPITAL LETTER A WITH MACRON}'\n");
    assert!(
        e.message.ends_with("unknown Unicode character name"),
        "{e:?}"
    );
}

#[test]
fn common_errors() {
    let e = error("if x\n    pass\n");
    assert_eq!((e.message.as_str(), e.line, e.col), ("expected ':'", 1, 5));
    let e = error("print('hi'\n");
    assert_eq!(
        (e.message.as_str(), e.line, e.col),
        ("'(' was never closed", 1, 6)
    );
    let e = error("if True:\n\tx = 1\n        y = 2\n");
    assert_eq!(e.kind, SyntaxErrorKind::TabError);
    assert_eq!(
        e.to_string(),
        "TabError: inconsistent use of tabs and spaces in indentation"
    );
}

/// Nesting is refused before Ruff's recursive parser sees it, within a stack as
/// small as a test thread's.
#[test]
fn deep_nesting_is_refused_not_overflowed() {
    let sources = [
        format!("x = {}1{}", "(".repeat(5000), ")".repeat(5000)),
        format!("x = {}1", "-".repeat(100_000)),
        format!("x = {}1", "not ".repeat(10_000)),
        format!("x = {}1", "2**".repeat(10_000)),
        format!("x = {}1", "lambda: ".repeat(10_000)),
        format!("x = {}1", "1 if a else ".repeat(10_000)),
        format!("x = {}1{}", "-(".repeat(3000), ")".repeat(3000)),
        format!("x = {}1{}", "f(".repeat(3000), ")".repeat(3000)),
        format!("x = 1{}", "+1".repeat(100_000)),
        format!("x = a{}", ".b".repeat(100_000)),
        format!("x = f{}", "()".repeat(100_000)),
        (0..2000).fold(String::from("1"), |s, i| {
            let q = if i % 2 == 0 { '"' } else { '\'' };
            format!("f{q}{{{s}}}{q}")
        }),
        (0..200)
            .map(|i| format!("{}if x:\n", " ".repeat(i)))
            .collect(),
        // After a tokenizer error, the nesting the scan never reached.
        format!("x = '\n{}", "([".repeat(20_000)),
        format!("if x:\n\ty = 1\n        z = 2\n{}", "(".repeat(50_000)),
    ];
    let handle = std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(move || {
            sources
                .iter()
                .map(|s| parse(s).is_err())
                .collect::<Vec<_>>()
        })
        .unwrap();
    let refused = handle.join().unwrap();
    assert!(refused.iter().all(|&r| r), "{refused:?}");
}

#[test]
fn nesting_cpython_accepts_parses() {
    let handle = std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(|| {
            let parens = format!("x = {}1{}", "(".repeat(200), ")".repeat(200));
            let blocks: String = (0..99)
                .map(|i| format!("{}if x:\n", " ".repeat(i)))
                .chain([format!("{}pass\n", " ".repeat(99))])
                .collect();
            let chain = format!("x = 1{}", "+1".repeat(900));
            let calls = format!("x = {}1{}", "f(".repeat(200), ")".repeat(200));
            let list = format!("x = [{}]", "-1, ".repeat(5000));
            [parens, blocks, chain, list, calls].map(|s| parse(&s).is_ok())
        })
        .unwrap();
    assert_eq!(handle.join().unwrap(), [true; 5]);
}
