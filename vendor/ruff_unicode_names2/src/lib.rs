//! `\N{...}` names for `ruff_python_parser`, without a table of every Unicode name.
//!
//! The parser calls [`character`] and nothing else. The names known here are the ones
//! a student is likely to write (see the README); the rest are refused, as CPython
//! refuses a name it does not know.

#![no_std]
#![forbid(unsafe_code)]

/// Names of consecutive code points: `names[i]`, after `prefix`, names `first + i`.
struct Run {
    prefix: &'static str,
    first: u32,
    names: &'static [&'static str],
}

const fn run(prefix: &'static str, first: u32, names: &'static [&'static str]) -> Run {
    Run {
        prefix,
        first,
        names,
    }
}

const LETTERS: &[&str] = &[
    "A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L", "M", "N", "O", "P", "Q", "R", "S",
    "T", "U", "V", "W", "X", "Y", "Z",
];

/// U+00C0..U+00D6 and U+00E0..U+00F6, after "LATIN CAPITAL/SMALL LETTER ".
const LATIN1_LETTERS: &[&str] = &[
    "A WITH GRAVE",
    "A WITH ACUTE",
    "A WITH CIRCUMFLEX",
    "A WITH TILDE",
    "A WITH DIAERESIS",
    "A WITH RING ABOVE",
    "AE",
    "C WITH CEDILLA",
    "E WITH GRAVE",
    "E WITH ACUTE",
    "E WITH CIRCUMFLEX",
    "E WITH DIAERESIS",
    "I WITH GRAVE",
    "I WITH ACUTE",
    "I WITH CIRCUMFLEX",
    "I WITH DIAERESIS",
    "ETH",
    "N WITH TILDE",
    "O WITH GRAVE",
    "O WITH ACUTE",
    "O WITH CIRCUMFLEX",
    "O WITH TILDE",
    "O WITH DIAERESIS",
];

/// U+00D8..U+00DE and U+00F8..U+00FE.
const LATIN1_LETTERS_2: &[&str] = &[
    "O WITH STROKE",
    "U WITH GRAVE",
    "U WITH ACUTE",
    "U WITH CIRCUMFLEX",
    "U WITH DIAERESIS",
    "Y WITH ACUTE",
    "THORN",
];

/// U+0391..U+03A1 and U+03B1..U+03C1.
const GREEK_ALPHA_TO_RHO: &[&str] = &[
    "ALPHA", "BETA", "GAMMA", "DELTA", "EPSILON", "ZETA", "ETA", "THETA", "IOTA", "KAPPA", "LAMDA",
    "MU", "NU", "XI", "OMICRON", "PI", "RHO",
];

/// U+03A3..U+03A9 and U+03C3..U+03C9.
const GREEK_SIGMA_TO_OMEGA: &[&str] = &["SIGMA", "TAU", "UPSILON", "PHI", "CHI", "PSI", "OMEGA"];

/// U+0410..U+042F and U+0430..U+044F.
const CYRILLIC: &[&str] = &[
    "A",
    "BE",
    "VE",
    "GHE",
    "DE",
    "IE",
    "ZHE",
    "ZE",
    "I",
    "SHORT I",
    "KA",
    "EL",
    "EM",
    "EN",
    "O",
    "PE",
    "ER",
    "ES",
    "TE",
    "U",
    "EF",
    "HA",
    "TSE",
    "CHE",
    "SHA",
    "SHCHA",
    "HARD SIGN",
    "YERU",
    "SOFT SIGN",
    "E",
    "YU",
    "YA",
];

const RUNS: &[Run] = &[
    // ASCII, and the aliases CPython accepts for its control characters.
    run("", 0x00, &["NULL"]),
    run(
        "",
        0x07,
        &["ALERT", "BACKSPACE", "CHARACTER TABULATION", "LINE FEED"],
    ),
    run(
        "",
        0x0B,
        &["LINE TABULATION", "FORM FEED", "CARRIAGE RETURN"],
    ),
    run("", 0x1B, &["ESCAPE"]),
    run("", 0x7F, &["DELETE"]),
    run("", 0x0A, &["NEW LINE"]),
    run("", 0x00, &["NUL"]),
    run("", 0x07, &["BEL", "BS", "TAB", "LF"]),
    run("", 0x09, &["HT"]),
    run("", 0x0C, &["FF", "CR"]),
    run("", 0x1B, &["ESC"]),
    run("", 0x7F, &["DEL"]),
    run(
        "",
        0x20,
        &[
            "SPACE",
            "EXCLAMATION MARK",
            "QUOTATION MARK",
            "NUMBER SIGN",
            "DOLLAR SIGN",
            "PERCENT SIGN",
            "AMPERSAND",
            "APOSTROPHE",
            "LEFT PARENTHESIS",
            "RIGHT PARENTHESIS",
            "ASTERISK",
            "PLUS SIGN",
            "COMMA",
            "HYPHEN-MINUS",
            "FULL STOP",
            "SOLIDUS",
        ],
    ),
    run(
        "DIGIT ",
        0x30,
        &[
            "ZERO", "ONE", "TWO", "THREE", "FOUR", "FIVE", "SIX", "SEVEN", "EIGHT", "NINE",
        ],
    ),
    run(
        "",
        0x3A,
        &[
            "COLON",
            "SEMICOLON",
            "LESS-THAN SIGN",
            "EQUALS SIGN",
            "GREATER-THAN SIGN",
            "QUESTION MARK",
            "COMMERCIAL AT",
        ],
    ),
    run("LATIN CAPITAL LETTER ", 0x41, LETTERS),
    run(
        "",
        0x5B,
        &[
            "LEFT SQUARE BRACKET",
            "REVERSE SOLIDUS",
            "RIGHT SQUARE BRACKET",
            "CIRCUMFLEX ACCENT",
            "LOW LINE",
            "GRAVE ACCENT",
        ],
    ),
    run("LATIN SMALL LETTER ", 0x61, LETTERS),
    run(
        "",
        0x7B,
        &[
            "LEFT CURLY BRACKET",
            "VERTICAL LINE",
            "RIGHT CURLY BRACKET",
            "TILDE",
        ],
    ),
    // Latin-1.
    run(
        "",
        0xA0,
        &[
            "NO-BREAK SPACE",
            "INVERTED EXCLAMATION MARK",
            "CENT SIGN",
            "POUND SIGN",
            "CURRENCY SIGN",
            "YEN SIGN",
            "BROKEN BAR",
            "SECTION SIGN",
            "DIAERESIS",
            "COPYRIGHT SIGN",
            "FEMININE ORDINAL INDICATOR",
            "LEFT-POINTING DOUBLE ANGLE QUOTATION MARK",
            "NOT SIGN",
            "SOFT HYPHEN",
            "REGISTERED SIGN",
            "MACRON",
            "DEGREE SIGN",
            "PLUS-MINUS SIGN",
            "SUPERSCRIPT TWO",
            "SUPERSCRIPT THREE",
            "ACUTE ACCENT",
            "MICRO SIGN",
            "PILCROW SIGN",
            "MIDDLE DOT",
            "CEDILLA",
            "SUPERSCRIPT ONE",
            "MASCULINE ORDINAL INDICATOR",
            "RIGHT-POINTING DOUBLE ANGLE QUOTATION MARK",
            "VULGAR FRACTION ONE QUARTER",
            "VULGAR FRACTION ONE HALF",
            "VULGAR FRACTION THREE QUARTERS",
            "INVERTED QUESTION MARK",
        ],
    ),
    run("", 0xA0, &["NBSP"]),
    run("LATIN CAPITAL LETTER ", 0xC0, LATIN1_LETTERS),
    run("", 0xD7, &["MULTIPLICATION SIGN"]),
    run("LATIN CAPITAL LETTER ", 0xD8, LATIN1_LETTERS_2),
    run("LATIN SMALL LETTER ", 0xDF, &["SHARP S"]),
    run("LATIN SMALL LETTER ", 0xE0, LATIN1_LETTERS),
    run("", 0xF7, &["DIVISION SIGN"]),
    run("LATIN SMALL LETTER ", 0xF8, LATIN1_LETTERS_2),
    run("LATIN SMALL LETTER ", 0xFF, &["Y WITH DIAERESIS"]),
    run("LATIN CAPITAL LETTER ", 0x178, &["Y WITH DIAERESIS"]),
    // Greek and Russian letters.
    run("GREEK CAPITAL LETTER ", 0x391, GREEK_ALPHA_TO_RHO),
    run("GREEK CAPITAL LETTER ", 0x3A3, GREEK_SIGMA_TO_OMEGA),
    run("GREEK SMALL LETTER ", 0x3B1, GREEK_ALPHA_TO_RHO),
    run("GREEK SMALL LETTER ", 0x3C2, &["FINAL SIGMA"]),
    run("GREEK SMALL LETTER ", 0x3C3, GREEK_SIGMA_TO_OMEGA),
    run("CYRILLIC CAPITAL LETTER ", 0x401, &["IO"]),
    run("CYRILLIC CAPITAL LETTER ", 0x410, CYRILLIC),
    run("CYRILLIC SMALL LETTER ", 0x430, CYRILLIC),
    run("CYRILLIC SMALL LETTER ", 0x451, &["IO"]),
    // Spaces and typography.
    run(
        "",
        0x200B,
        &[
            "ZERO WIDTH SPACE",
            "ZERO WIDTH NON-JOINER",
            "ZERO WIDTH JOINER",
        ],
    ),
    run("", 0x200B, &["ZWSP"]),
    run("", 0x2010, &["HYPHEN"]),
    run("", 0x2013, &["EN DASH", "EM DASH", "HORIZONTAL BAR"]),
    run(
        "",
        0x2018,
        &[
            "LEFT SINGLE QUOTATION MARK",
            "RIGHT SINGLE QUOTATION MARK",
            "SINGLE LOW-9 QUOTATION MARK",
        ],
    ),
    run(
        "",
        0x201C,
        &[
            "LEFT DOUBLE QUOTATION MARK",
            "RIGHT DOUBLE QUOTATION MARK",
            "DOUBLE LOW-9 QUOTATION MARK",
        ],
    ),
    run("", 0x2020, &["DAGGER", "DOUBLE DAGGER", "BULLET"]),
    run("", 0x2026, &["HORIZONTAL ELLIPSIS"]),
    run("", 0x202F, &["NARROW NO-BREAK SPACE", "PER MILLE SIGN"]),
    run("", 0x2032, &["PRIME", "DOUBLE PRIME"]),
    run("", 0x20AC, &["EURO SIGN"]),
    run("", 0x20B9, &["INDIAN RUPEE SIGN"]),
    run("", 0x20BD, &["RUBLE SIGN"]),
    run("", 0x2116, &["NUMERO SIGN"]),
    run("", 0x2122, &["TRADE MARK SIGN"]),
    // Arrows and mathematics.
    run(
        "",
        0x2190,
        &[
            "LEFTWARDS ARROW",
            "UPWARDS ARROW",
            "RIGHTWARDS ARROW",
            "DOWNWARDS ARROW",
            "LEFT RIGHT ARROW",
        ],
    ),
    run("", 0x21D2, &["RIGHTWARDS DOUBLE ARROW"]),
    run("", 0x21D4, &["LEFT RIGHT DOUBLE ARROW"]),
    run("", 0x2200, &["FOR ALL"]),
    run("", 0x2203, &["THERE EXISTS"]),
    run("", 0x2205, &["EMPTY SET"]),
    run("", 0x2208, &["ELEMENT OF", "NOT AN ELEMENT OF"]),
    run("", 0x220F, &["N-ARY PRODUCT"]),
    run("", 0x2211, &["N-ARY SUMMATION", "MINUS SIGN"]),
    run("", 0x221A, &["SQUARE ROOT"]),
    run("", 0x221E, &["INFINITY"]),
    run(
        "",
        0x2227,
        &[
            "LOGICAL AND",
            "LOGICAL OR",
            "INTERSECTION",
            "UNION",
            "INTEGRAL",
        ],
    ),
    run("", 0x2248, &["ALMOST EQUAL TO"]),
    run("", 0x2260, &["NOT EQUAL TO", "IDENTICAL TO"]),
    run(
        "",
        0x2264,
        &["LESS-THAN OR EQUAL TO", "GREATER-THAN OR EQUAL TO"],
    ),
    run("", 0x22C5, &["DOT OPERATOR"]),
    // Clocks, boxes, shapes.
    run("", 0x231A, &["WATCH", "HOURGLASS"]),
    run("", 0x23F3, &["HOURGLASS WITH FLOWING SAND"]),
    run("", 0x2500, &["BOX DRAWINGS LIGHT HORIZONTAL"]),
    run("", 0x2502, &["BOX DRAWINGS LIGHT VERTICAL"]),
    run("", 0x250C, &["BOX DRAWINGS LIGHT DOWN AND RIGHT"]),
    run("", 0x2510, &["BOX DRAWINGS LIGHT DOWN AND LEFT"]),
    run("", 0x2514, &["BOX DRAWINGS LIGHT UP AND RIGHT"]),
    run("", 0x2518, &["BOX DRAWINGS LIGHT UP AND LEFT"]),
    run("", 0x2588, &["FULL BLOCK"]),
    run("", 0x2591, &["LIGHT SHADE", "MEDIUM SHADE", "DARK SHADE"]),
    run("", 0x25A0, &["BLACK SQUARE", "WHITE SQUARE"]),
    run("", 0x25B2, &["BLACK UP-POINTING TRIANGLE"]),
    run("", 0x25B6, &["BLACK RIGHT-POINTING TRIANGLE"]),
    run("", 0x25BC, &["BLACK DOWN-POINTING TRIANGLE"]),
    run("", 0x25C0, &["BLACK LEFT-POINTING TRIANGLE"]),
    run("", 0x25CB, &["WHITE CIRCLE"]),
    run("", 0x25CF, &["BLACK CIRCLE"]),
    // Symbols and a few emoji.
    run(
        "",
        0x2600,
        &["BLACK SUN WITH RAYS", "CLOUD", "UMBRELLA", "SNOWMAN"],
    ),
    run("", 0x2605, &["BLACK STAR", "WHITE STAR"]),
    run(
        "",
        0x2639,
        &[
            "WHITE FROWNING FACE",
            "WHITE SMILING FACE",
            "BLACK SMILING FACE",
        ],
    ),
    run("", 0x2660, &["BLACK SPADE SUIT"]),
    run("", 0x2663, &["BLACK CLUB SUIT"]),
    run("", 0x2665, &["BLACK HEART SUIT", "BLACK DIAMOND SUIT"]),
    run("", 0x266A, &["EIGHTH NOTE", "BEAMED EIGHTH NOTES"]),
    run("", 0x26A0, &["WARNING SIGN", "HIGH VOLTAGE SIGN"]),
    run("", 0x2705, &["WHITE HEAVY CHECK MARK"]),
    run(
        "",
        0x2713,
        &[
            "CHECK MARK",
            "HEAVY CHECK MARK",
            "MULTIPLICATION X",
            "HEAVY MULTIPLICATION X",
            "BALLOT X",
        ],
    ),
    run("", 0x2728, &["SPARKLES"]),
    run("", 0x274C, &["CROSS MARK"]),
    run("", 0x2764, &["HEAVY BLACK HEART"]),
    run("", 0xFEFF, &["ZERO WIDTH NO-BREAK SPACE"]),
    run("", 0xFEFF, &["BOM"]),
    run("", 0xFFFD, &["REPLACEMENT CHARACTER"]),
    run("", 0x1F34E, &["RED APPLE"]),
    run("", 0x1F389, &["PARTY POPPER"]),
    run("", 0x1F40D, &["SNAKE"]),
    run("", 0x1F44D, &["THUMBS UP SIGN"]),
    run("", 0x1F514, &["BELL"]),
    run("", 0x1F525, &["FIRE"]),
    run("", 0x1F600, &["GRINNING FACE"]),
    run("", 0x1F60A, &["SMILING FACE WITH SMILING EYES"]),
    run("", 0x1F680, &["ROCKET"]),
];

/// The character named `name`, as in `"\N{name}"`: any case, as CPython matches.
/// `None` for a name this short table does not know.
pub fn character(name: &str) -> Option<char> {
    if let Some(hex) = strip_prefix_ignore_case(name, "CJK UNIFIED IDEOGRAPH-") {
        return cjk_unified_ideograph(hex);
    }
    RUNS.iter().find_map(|run| {
        let rest = strip_prefix_ignore_case(name, run.prefix)?;
        let index = run
            .names
            .iter()
            .position(|known| known.eq_ignore_ascii_case(rest))?;
        char::from_u32(run.first + u32::try_from(index).ok()?)
    })
}

fn strip_prefix_ignore_case<'a>(name: &'a str, prefix: &str) -> Option<&'a str> {
    let head = name.get(..prefix.len())?;
    if head.eq_ignore_ascii_case(prefix) {
        name.get(prefix.len()..)
    } else {
        None
    }
}

/// `CJK UNIFIED IDEOGRAPH-4E2D`: four or five upper-case hex digits in one of the
/// ranges of Unicode 14 (CPython 3.11's), as CPython's `unicodedata` reads them.
fn cjk_unified_ideograph(hex: &str) -> Option<char> {
    if !(4..=5).contains(&hex.len())
        || !hex
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'A'..=b'F').contains(&b))
    {
        return None;
    }
    let code = u32::from_str_radix(hex, 16).ok()?;
    const RANGES: &[(u32, u32)] = &[
        (0x3400, 0x4DBF),
        (0x4E00, 0x9FFF),
        (0x20000, 0x2A6DF),
        (0x2A700, 0x2B738),
        (0x2B740, 0x2B81D),
        (0x2B820, 0x2CEA1),
        (0x2CEB0, 0x2EBE0),
        (0x30000, 0x3134A),
    ];
    if RANGES.iter().any(|&(lo, hi)| (lo..=hi).contains(&code)) {
        char::from_u32(code)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::character;

    #[test]
    fn known_names_in_any_case() {
        assert_eq!(character("BULLET"), Some('\u{2022}'));
        assert_eq!(character("em dash"), Some('\u{2014}'));
        assert_eq!(character("Greek Small Letter Final Sigma"), Some('\u{3C2}'));
        assert_eq!(character("CYRILLIC SMALL LETTER YA"), Some('\u{44F}'));
        assert_eq!(character("LATIN SMALL LETTER E WITH ACUTE"), Some('\u{E9}'));
        assert_eq!(character("DIGIT NINE"), Some('9'));
        assert_eq!(character("CJK UNIFIED IDEOGRAPH-4E2D"), Some('\u{4E2D}'));
    }

    #[test]
    fn unknown_names() {
        for name in [
            "",
            "NO SUCH NAME",
            "BULLET ",
            "GREEK CAPITAL LETTER FINAL SIGMA",
            "LATIN CAPITAL LETTER SHARP S",
            "CJK UNIFIED IDEOGRAPH-4e2d",
            "CJK UNIFIED IDEOGRAPH-0041",
            "CJK UNIFIED IDEOGRAPH-",
            "ДЕФИС",
            "LATIN CAPITAL LETTER Ж",
        ] {
            assert_eq!(character(name), None, "{name}");
        }
    }
}
