#!/usr/bin/env python3
"""Writes cases.json: the expected results of potoki's `python::format` functions,
computed with CPython itself (run it with CPython 3.11: `python3 generate.py`).

Every case is {"fn": name, "args": [...], "expected": text} or, where CPython raises,
{"fn": name, "args": [...], "error": message, "error_type": exception name}.
`tests/python_format.rs` reads them all. Encodings:
  - a float (argument or result) is its IEEE-754 bits, 16 hex digits;
  - an int argument or result is its decimal text;
  - a %-format argument is {"type", "str", "repr", "int", "float"}: what the VM's
    PercentArg answers ("repr" left out when it is "str"; "int", the decimal text, only
    for int and bool; "float", the bits, only for float).
Never edit cases.json by hand: change this file and run it again.
"""

import json
import math
import os
import random
import struct
import sys

if sys.version_info[:2] != (3, 11):
    sys.exit("generate.py needs CPython 3.11 (the version potoki copies)")

cases = []


def bits(x):
    return "%016x" % struct.unpack("<Q", struct.pack("<d", x))[0]


def int_text(n):
    """str(n) without the 4300-digit limit (the limit is under test elsewhere)."""
    sys.set_int_max_str_digits(0)
    try:
        return str(n)
    finally:
        sys.set_int_max_str_digits(4300)


def add(fn, args, compute, encode=int_text):
    try:
        result = compute()
    except Exception as e:  # noqa: BLE001 - every exception is an expected outcome
        cases.append({"fn": fn, "args": args, "error": str(e),
                      "error_type": type(e).__name__})
        return
    cases.append({"fn": fn, "args": args, "expected": encode(result)})


# ---------------------------------------------------------------- floats

NAMED_FLOATS = [
    0.1 + 0.2, 1 / 3, 2 / 3, 1e16, 1e15, 123456789.123456789, 1e-4, 1e-5, 5e-324,
    1.7976931348623157e308, -0.0, 0.0, math.inf, -math.inf, math.nan, 0.5, 1.5, 2.5,
    2.675, 100.0, 1e22, 1e23, 1.0, -1.0, -1.5, 3.14159, 1234567.891, 0.000123456,
    1e100, 1e-100, 2.0 ** 53, 9007199254740993.0, 0.3, 1e-7, 1.5e-7,
    12345678901234567890.0, 123456789012345.0, 1234567890123456.8, 999999999999999.9,
    9999999999999998.0, 0.1, 2.2250738585072014e-308, 4.35, 0.045, 1.005, -123.456,
    6.02214076e23, 0.125, 0.375, 0.25, 1.25, 3.5, -2.5, 1e-300, 9.5, 99.95, 0.05,
    -0.0001, 1e21, 123.0, 1234.5, 0.9999999999999999, 42.0, -1e16, 1e17, 5.0, 15.0,
]

# Every spec for the first floats, the core specs for all of them.
FLOAT_SPECS = [
    "", "f", ".0f", ".1f", ".2f", ".3f", ".10f", ".20f", ".50f", "e", ".0e", ".1e",
    ".3e", ".10e", "E", "g", ".0g", ".1g", ".2g", ".3g", ".10g", ".17g", "G", ".3G",
    "%", ".1%", ".0%", "n", ".3n", ".3", ".1", ".10", ".17", "#", "#.0f", "#.3g", "#g",
    "#.0e", "#e", "+", "+f", " f", "-f", "+.2e", "z.1f", "z", "z.0f", "z.2e", "z.3g",
    "10", "10.2f", "<10.2f", "^10.2f", ">10.2f", "=10.2f", "*^12.3f", "010.2f",
    "+010.2f", "010", "0=12.3e", ",", ",.2f", "_.2f", "015,.2f", "_", ",.3e", ",g",
    "12,", "020,.4f", "x<08.2f", "^", "#010.3g", "+015_.1f", ".2F", "F", ".2E", ".2G",
    " 012.3e", "\u00e9^9.1f", "=+10", "<+10.1e", "#.0%", "z,.1f",
]
CORE_FLOAT_SPECS = [
    "", ".0f", ".2f", ".3e", ".3g", ".12g", "g", "e", "%", "+10.3f", ",.2f", "z.1f",
    "#.3g", ".17g", "010.1f", ".1",
]
FLOAT_SPEC_ERRORS = [
    "d", "x", "s", "c", "b", "X", "o", ".f", ",,", "_,", ",_", "ff", "10.2ff", "=",
    ".2147483648f", "99999999999999999999", "\u00e9", " ", ",n", "_n", "zz", "#z",
    "++", "010.2fx", "\u0661\u0662.\u0663f", "\U0001d7d8\U0001d7d9",
]

for i, x in enumerate(NAMED_FLOATS):
    add("float_repr", [bits(x)], lambda: repr(x))
    for spec in FLOAT_SPECS if i < 12 else CORE_FLOAT_SPECS:
        add("format_float", [bits(x), spec], lambda: format(x, spec))
for x in [1.5, -2.25, math.inf, math.nan, 0.0]:
    for spec in FLOAT_SPEC_ERRORS:
        add("format_float", [bits(x), spec], lambda: format(x, spec))

rng = random.Random(20240601)
random_floats = []
for _ in range(400):
    # Any finite double, every exponent equally likely.
    x = struct.unpack("<d", struct.pack("<Q", rng.getrandbits(64)))[0]
    if math.isfinite(x):
        random_floats.append(x)
for _ in range(120):
    random_floats.append(round(rng.uniform(-1000, 1000), rng.randint(0, 6)))
for _ in range(60):
    random_floats.append(rng.randint(1, 10 ** rng.randint(1, 20)) / 10 ** rng.randint(0, 25))
# Exact ties between two shortest candidates (CPython takes the even digit: Rust's
# `{:e}` alone would not), and powers of two with their neighbours (where the interval
# of the values that round to x is lopsided).
for hex_bits in ["c2699e718b5d0d00", "42648ca05e2ff500", "c2b7b69e74526ed0",
                 "431aaeb8290f3895", "4309f65e9c95e02a", "431cff3bd3922ff5"]:
    random_floats.append(struct.unpack("<d", bytes.fromhex(hex_bits)[::-1])[0])
for _ in range(40):
    random_floats.append((2 * rng.randint(0, 2 ** rng.randint(30, 52)) + 1) / 2 ** rng.randint(1, 12))
for k in range(-1074, 1024, 41):
    x = math.ldexp(1.0, k)
    random_floats += [x, math.nextafter(x, math.inf), math.nextafter(x, 0)]
for x in random_floats:
    add("float_repr", [bits(x)], lambda: repr(x))
for x in random_floats[::10]:
    for spec in [".3f", ".12g", ".5e", ".17g", ".0f", ".1f", ".2e", "g", ".25f", "#.4g"]:
        add("format_float", [bits(x), spec], lambda: format(x, spec))

# ---------------------------------------------------------------- ints

NAMED_INTS = [
    0, 1, -1, 42, -42, 255, -255, 1234567, -1234567, 2 ** 31, 2 ** 63, 2 ** 64,
    2 ** 100, -(2 ** 100), 10 ** 30, 65, 0x10FFFF, 0x110000, -5, 9, 10 ** 20 + 1,
    123456789, 1000, 999, 100000,
]
# Ints near the largest double: only their conversion to float is of interest.
HUGE_INTS = [2 ** 53 + 1, 2 ** 1023 + 2 ** 1000, 2 ** 1024, -(2 ** 1024),
             2 ** 1024 - 2 ** 970, 2 ** 1024 - 2 ** 971 - 1, 2 ** 1024 - 2 ** 971]
INT_SPECS = [
    "", "d", "b", "o", "x", "X", "#b", "#o", "#x", "#X", "n", ",", "_", ",d", "_d", "_b",
    "_x", "#_x", "#_b", "_o", "_X", "10", "<10", "^10", ">10", "=10", "*^11", "010", "+010",
    "-010", " 010", "+", " ", "-", "#010x", "#010b", "+#x", "012,", "012_", "08,", "09,",
    "0=12,", "x=12,", "=+12", "20_b", "#020_b", "e", "E", "f", ".2f", "g", ".3g", "%",
    ".1%", ".2e", ",.2f", "F", "G", "#12_X", "^+#15_o", "\u00e9>12,", "0<8", "0^9",
    "\u0661\u0662", "+,", " _",
]
INT_SPEC_ERRORS = [
    ".2", ".2d", "z", "zd", "s", "r", ",b", ",x", ",o", ",c", ",n", "_c", "_n", "+c",
    "#c", " c", "==", "dd", ",_", "_,", ",,", ".x", "\u00e9", "\x7f", "\t", "5 ",
    "z.2f", "010.d",
]
CORE_INT_SPECS = ["", "d", "x", "#b", "o", ",", "_x", "+010", "^+12,", "e", ".3g", "%", "n"]
for i, value in enumerate(NAMED_INTS):
    for spec in INT_SPECS if i < 14 else CORE_INT_SPECS:
        add("format_int", [int_text(value), spec], lambda: format(value, spec))
for value in [0, 7, -3, 2 ** 70]:
    for spec in INT_SPEC_ERRORS:
        add("format_int", [int_text(value), spec], lambda: format(value, spec))
for value in [65, 0, 0x263A, 0x1F600, 0x10FFFF, 0x110000, -1, 2 ** 70, 10 ** 30, 32, 0xE9]:
    for spec in ["c", "5c", "<5c", "^5c", "=5c", "05c", "*>3c"]:
        add("format_int", [int_text(value), spec], lambda: format(value, spec))
for value in HUGE_INTS:
    for spec in ["e", ".17g", "f", "%", "G", ".0f", ",.1f"]:
        add("format_int", [int_text(value), spec], lambda: format(value, spec))
# The 4300-digit limit of str(int) (the hex of 10**4300 has none).
for value, specs in [(10 ** 4299, [""]), (10 ** 4300, ["", "d", ",", "n", "x"]),
                     (-(10 ** 4300), ["d"])]:
    for spec in specs:
        add("format_int", [int_text(value), spec], lambda: format(value, spec))


def to_base(n, b):
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    if n == 0:
        return "0"
    sign, n, out = ("-" if n < 0 else ""), abs(n), []
    while n:
        n, r = divmod(n, b)
        out.append(digits[r])
    return sign + "".join(reversed(out))


for value in [0, 1, -1, 255, -255, 35, 36, 2 ** 100, -(3 ** 80), 10 ** 40 + 7]:
    for radix in [2, 3, 7, 8, 10, 16, 36]:
        add("int_to_str_radix", [int_text(value), radix], lambda: to_base(value, radix))
    for radix, fn in [(2, bin), (8, oct), (16, hex)]:
        add("int_to_prefixed", [int_text(value), radix], lambda: fn(value))

# ---------------------------------------------------------------- strs

STRS = ["", "a", "abc", "hello world", "h\u00e9llo", "\u65e5\u672c\u8a9e", "tab\tx", "12345",
        "\U0001f600!"]
STR_SPECS = [
    "", "s", "10", "<10", ">10", "^10", "^11", "*^9", ".2", ".0", "10.2", ">10.2s", "05",
    "<05", "x>8", "=>8", "\u00e4^7", "3", ".10", "^", "0", "00", "1", "^2", "\U0001f600<6",
    "\u0662\u0660",
]
STR_SPEC_ERRORS = [
    "=10", "+", " ", "-", "z", "#", ",", "_", ",s", "d", "x", "f", ".s", "ss", "0=5", "\u00e9",
    "+10", "#10s", "z5", "10.2d", ".", "\x00", "\u0661\u0662x",
]
for value in STRS:
    for spec in STR_SPECS:
        add("format_str", [value, spec], lambda: format(value, spec))
for value in ["abc", ""]:
    for spec in STR_SPEC_ERRORS:
        add("format_str", [value, spec], lambda: format(value, spec))

# ---------------------------------------------------------------- round

ROUND_FLOATS = [
    2.675, 0.125, 0.375, 1234.5678, -1234.5678, 0.5, 1.5, 2.5, -0.5, -2.5, 1e300,
    1.7976931348623157e308, 5e-324, 1e-300, 123456789.987654321, 0.1, 1.0 / 3, 1e22, 1e23,
    -0.0, math.inf, -math.inf, math.nan, 15.0, 25.0, 50.0, 5.0, 0.05, 0.15, 0.25, 0.35,
    1.45, 2.0 ** 60 + 2.0 ** 8, 99.5, 1.5e308,
]
NDIGITS = [-400, -309, -308, -307, -20, -3, -2, -1, 0, 1, 2, 3, 5, 10, 15, 16, 17, 22,
           300, 323, 324, 400]
# An error here is try_round_float's; round_float gives an infinity instead.
for x in ROUND_FLOATS:
    for n in NDIGITS:
        add("round_float", [bits(x), n], lambda: round(x, n), bits)
for x in random_floats[::4]:
    n = rng.randint(-5, 20)
    add("round_float", [bits(x), n], lambda: round(x, n), bits)
for x in ROUND_FLOATS + [4503599627370497.0, 0.49999999999999994, 3.5, -3.5, 4.5, 1e16 + 2,
                         -1.5e300, 2.0 ** 63, 0.7, -0.7]:
    add("round_float_to_int", [bits(x)], lambda: round(x))

# ---------------------------------------------------------------- float(str)

FLOAT_TEXTS = [
    "1", "1.5", "+1.5", "-1.5", " 1.5 ", "\t\n1.5\n", "1e5", "1E5", "1e+5", "1e-5", ".5",
    "5.", "1_000", "1_000.000_1", "1e1_0", "inf", "-inf", "+inf", "Infinity", "-infinity",
    "INF", "iNfInItY", "nan", "-nan", "+NaN", "NAN", "1e999", "-1e999", "1e-999", "0.1",
    "3.141592653589793", "1.7976931348623157e308", "1.7976931348623159e308",
    "2.2250738585072014e-308", "4.9e-324", "2.4703282292062328e-324",
    "2.4703282292062327e-324", "\u00a01.5\u2003", "\u0661\u0662.\u0665",
    "\uff11\uff12", "0000001", "-0", "-0.0", "1_2_3", "1" * 400, "9007199254740993",
    "0.", "00.5", "1.e5", "\u20281\u3000", "\x0b1\x0c", "1" + "0" * 400 + "e-400",
    "0." + "0" * 330 + "1e330",
    # Invalid:
    "", " ", "abc", "1_", "_1", "1__0", "1_.5", "1._5", "1e", "1e+", "e5", ".", "+", "-",
    "++1", "1.5.5", "in f", "infinit", "nana", "nan1", "1 2", "1\x00", "\x1c1", "1\x1f",
    "0x1p3", "1,5", "in_f", "1e_1", "\u00e9", "1.5\u00e9", "it's", "a\"b'c", "\n", "long" * 60,
    "1e5_", "_", "- 1", "+-1", "infinity1", "\u0085", "1\u200b", "\x7f1", "\\1", "1\u0301",
    "--inf", ".e5", "1.5e", "0b101", "\U0001f600", "1\ud7ff",
]
for text in FLOAT_TEXTS:
    add("parse_float", [text], lambda: float(text), bits)

# ---------------------------------------------------------------- int(str, base)

INT_TEXTS = [
    ("0", 10), ("42", 10), ("-42", 10), ("+42", 10), (" 42 ", 10), ("\t42\n", 10),
    ("1_000", 10), ("1__000", 10), ("_1", 10), ("1_", 10), ("ff", 16), ("FF", 16),
    ("0xff", 16), ("0XFF", 16), ("0x_ff", 16), ("0x__ff", 16), ("0xff", 0), ("0o17", 0),
    ("0b101", 0), ("0b101", 2), ("101", 2), ("102", 2), ("0o17", 8), ("17", 8), ("z", 36),
    ("Z", 36), ("10", 36), ("0", 0), ("00", 0), ("0_0", 0), ("010", 0), ("0x", 0),
    ("0x", 16), ("-0x1f", 0), ("  -0b1_0  ", 0), ("12", 1), ("12", 37), ("abc", 10),
    ("", 10), (" ", 10), ("1.5", 10), ("\u0661\u0662", 10), ("\uff11\uff12\uff13", 10),
    ("\u00a012", 10), ("1" * 4300, 10), ("1" * 4301, 10), ("1" * 4400, 16),
    ("9" * 4301 + "x", 10), ("2" * 50, 3), ("1 2", 10), ("1\x00", 10),
    ("long invalid " * 30, 10), ("it's", 10), ("0x1g", 16), ("g", 16), ("+-1", 10),
    ("- 1", 10), ("0b", 2), ("0b2", 0), ("0_7", 0), ("0_", 0), ("00_0", 0), ("0o8", 0),
    ("0B1", 0), ("0O7", 0), ("7", 7), ("7", 8), ("0b1", 16), ("0b1", 11), ("1_2", 0),
    ("\x1c1", 10), ("1\x0b", 10), ("\u20281", 10), ("1\u00e9", 10), ("z" * 30, 36),
    ("-" + "7" * 100, 8), ("  +0x_dead_beef  ", 16), ("0x_", 16), ("1" * 4301, 32),
    ("\U0001d7d9\U0001d7d8", 10), ("-", 10), ("+", 0), ("0x-1", 16), ("12\n\n", 0),
]
for text, base in INT_TEXTS:
    add("parse_int", [text, base], lambda: int(text, base))

# ---------------------------------------------------------------- %-formatting


def percent_arg(v):
    try:
        s = str(v)
    except ValueError:
        s = "<str raised>"
    arg = {"type": type(v).__name__, "str": s}
    r = repr(v) if not (isinstance(v, int) and v.bit_length() > 10000) else "<repr>"
    if r != s:
        arg["repr"] = r
    if isinstance(v, int):
        arg["int"] = int_text(int(v))
    if isinstance(v, float):
        arg["float"] = bits(v)
    return arg


def add_percent(template, values):
    add("percent_format", [template, [percent_arg(v) for v in values]],
        lambda: template % tuple(values))


PERCENT_VALUES = [42, -42, 0, 3.7, -3.7, 2.5, 1e20, 1e-5, math.inf, math.nan, -0.0, "abc",
                  "h\u00e9llo \U0001f600", True, None, [1, "x"], 2 ** 100, -(2 ** 100), 255,
                  65, "A"]
PERCENT_TEMPLATES = [
    "%s", "%r", "%a", "%d", "%i", "%u", "%x", "%X", "%o", "%#x", "%#o", "%#X", "%e", "%E",
    "%f", "%F", "%g", "%G", "%c", "%5d", "%-5d|", "%05d", "%+d", "% d", "%+05d", "%-+6d|",
    "%.3d", "%8.3d", "%-8.3d|", "%#08x", "%#-8x|", "%#8x", "%08.3f", "%+.2f", "% .2f",
    "%-10.2f|", "%10.3e", "%.0f", "%.0e", "%#.0f", "%#.0e", "%.3g", "%#.3g", "%10s",
    "%-10s|", "%.2s", "%10.2s", "%5c", "%-5c|", "%.1r", "%+s", "%05s", "%hd", "%ld", "%Lf",
    "%.10f", "%.20g", "%+#x", "% #o", "%0-5d|", "%-05x|", "%#+010X", "% 08o", "<%s>",
    "%.12a", "%08.3e", "%+g",
]
for i, template in enumerate(PERCENT_TEMPLATES):
    for value in PERCENT_VALUES if i < 20 or i % 2 else PERCENT_VALUES[::3]:
        add_percent(template, [value])

PERCENT_MORE = [
    ("%s %s", (1, 2)), ("%s", ()), ("%s %s", (1,)), ("hello", (1,)), ("hello", ()),
    ("%*d", (5, 42)), ("%-*d|", (5, 42)), ("%*d", (-5, 42)), ("%.*f", (2, 3.14159)),
    ("%*.*f", (10, 3, 3.14159)), ("%.*f", (-2, 3.14159)), ("%*d", ("a", 1)),
    ("%.*f", (1.5, 1.0)), ("%*d", (10 ** 20, 1)), ("%.*d", (10 ** 20, 1)), ("%", (1,)),
    ("%5", (1,)), ("%.", (1,)), ("%-", (1,)), ("%l", (1,)), ("%*", (5,)), ("%*", ()),
    ("%y", (1,)), ("%y", ()), ("%\u00e9", (1,)), ("%\x01", (1,)), ("abc %", ()),
    ("%%", ()), ("100%% %s", ("sure",)), ("%5%", (1,)), ("% %", (1,)),
    ("%.2147483648f", (1.0,)), ("%99999999999999999999d", (1,)), ("%.2147483647d", (1,)),
    ("%c", ("ab",)), ("%c", ("",)), ("%c", (0x110000,)), ("%c", (-1,)), ("%c", (1.5,)),
    ("%c", (10 ** 30,)), ("%c", (0x1F600,)), ("%d", (10 ** 4300,)), ("%x", (2 ** 200,)),
    ("%f", (10 ** 400,)), ("%d %s %r", (1, "a", "b")), ("%s and %s", ([1, 2], (3, 4))),
    ("%s", ((1, 2),)), ("%d%%", (50,)), ("%.3s|%5.1f|%-4d|%x", ("abcdef", 2.25, 7, 255)),
    ("%0*d", (6, -42)), ("%-*.*s|", (6, 2, "abcdef")), ("%.*s", (0, "abc")),
    ("%s %", ("a",)), ("%d", (True,)), ("%f", (True,)), ("%x", (False,)), ("%.60f", (0.1,)),
    ("%.3f %.3f", (2.0005, 2.0015)), ("%e", (0.0,)), ("%g", (1e-5,)), ("%g", (123456789.0,)),
    ("%#g", (1.0,)), ("%.0g", (15.0,)), ("%G", (1e-20,)), ("%5.1%", (1,)),
    ("%s %s %s", ("a", "b")), ("%s", (None,)),
    ("%i %u", (3.99, -3.99)), ("%o", (3.5,)), ("%X", (2.0,)), ("%d", ("5",)), ("%f", ("5",)),
    ("%d", (None,)), ("%e", (None,)), ("%d", (math.inf,)), ("%d", (math.nan,)),
    ("%d", (1e300,)), ("%s%s", ("", "")), ("\u00e9%s\U0001f600", ("\u00fc",)),
]
for template, values in PERCENT_MORE:
    add_percent(template, list(values))

# ---------------------------------------------------------------- write

here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "cases.json"), "w", encoding="ascii") as out:
    out.write("[\n")
    out.write(",\n".join(json.dumps(case, ensure_ascii=True) for case in cases))
    out.write("\n]\n")
print("%d cases" % len(cases))
