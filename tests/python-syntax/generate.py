#!/usr/bin/env python3
"""Ask CPython what it says about small programs a student might write.

Each program below is compiled with `compile(src, 'main.py', 'exec')`; what CPython
raises (type, message, line, offset, end line, end offset) is written to cases.json
next to this file, for tests/python_syntax.rs to hold `potoki::python::parse` to.
Also recorded: whether the error comes from CPython's parser (`ast.parse` refuses the
program too) or from its compiler (`ast.parse` accepts it), and how CPython decodes a
few `\\N{...}` names.

    python3 tests/python-syntax/generate.py     # CPython 3.11, as the interpreter

cases.json is generated: edit this file and run it again, never edit cases.json.
"""

import ast
import json
import os
import sys
import unicodedata
import warnings

# (name, source). Invalid programs first, then valid ones; the JSON says which is which.
CASES = [
    # --- A missing colon -----------------------------------------------------------
    ("if_no_colon", "x = 1\nif x > 0\n    print(x)\n"),
    ("if_no_colon_eof", "x = 1\nif x == 1"),
    ("def_no_colon", "def f()\n    return 1\n"),
    ("for_no_colon", "for i in range(3)\n    print(i)\n"),
    ("while_no_colon", "while True\n    break\n"),
    ("class_no_colon", "class A\n    pass\n"),
    ("else_no_colon", "x = 1\nif x:\n    pass\nelse\n    pass\n"),
    ("elif_no_colon", "x = 1\nif x:\n    pass\nelif x > 2\n    pass\n"),
    ("try_no_colon", "try\n    x = 1\nexcept:\n    pass\n"),
    ("except_no_colon", "try:\n    x = 1\nexcept ValueError\n    pass\n"),
    ("with_no_colon", "with open('f') as f\n    pass\n"),
    ("if_assign_not_eq", "x = 1\nif x = 1:\n    pass\n"),
    ("while_assign_not_eq", "n = 0\nwhile n = 10:\n    n += 1\n"),
    # --- Brackets ------------------------------------------------------------------
    ("unclosed_paren", "print('hello'\n"),
    ("unclosed_paren_then_code", "x = (1, 2\ny = 3\nprint(y)\n"),
    ("unclosed_bracket", "a = [1, 2, 3\n"),
    ("unclosed_brace", "d = {'a': 1\n"),
    ("unclosed_call_in_def", "def f(x):\n    return max(x, 0\n\nprint(f(1))\n"),
    ("unclosed_paren_in_if", "x = [1]\nif len(x > 3:\n    pass\n"),
    ("stray_rparen", "print('hi'))\n"),
    ("stray_rbracket", "x = 1]\n"),
    ("mismatched_close", "x = [1, 2)\n"),
    ("mismatched_close_multiline", "x = (1,\n     2]\n"),
    ("mismatched_in_if", "x = 1\nif (x > 1]:\n    pass\n"),
    # --- Expressions ---------------------------------------------------------------
    ("binop_missing_operand", "x = 1\nprint(x +)\n"),
    ("binop_missing_operand_eol", "x = 1 +\n"),
    ("assign_nothing", "x = \n"),
    ("missing_comma_list", "a = [1 2]\n"),
    ("missing_comma_call", "x = 1\nprint('x =' x)\n"),
    ("missing_comma_tuple", "t = (1 2)\n"),
    ("missing_comma_dict", "d = {'a': 1 'b': 2}\n"),
    ("double_comma", "print(1,, 2)\n"),
    ("two_names", "x = a b\n"),
    ("two_statements_one_line", "x = 1 y = 2\n"),
    ("triple_equals", "x = 1\nif x === 1:\n    pass\n"),
    ("ternary_no_else", "y = 1\nx = 5 if y\n"),
    ("dict_key_no_value", "d = {1: 2, 3}\n"),
    ("generator_not_parenthesized", "f(x for x in y, 1)\n"),
    ("number_two_dots", "x = 1.2.3\n"),
    ("dollar_sign", "x = $5\n"),
    # --- Assignment targets --------------------------------------------------------
    ("assign_to_literal", "x = 1\n1 = x\n"),
    ("assign_to_string", "'abc' = 1\n"),
    ("assign_to_call", "f() = 1\n"),
    ("assign_to_expr", "x + 1 = 2\n"),
    ("assign_to_none", "None = 1\n"),
    ("assign_to_true", "True = 0\n"),
    ("augassign_to_literal", "1 += 1\n"),
    ("augassign_to_tuple", "a, b = 1, 2\na, b += 1\n"),
    ("keyword_as_name", "class = 3\n"),
    ("keyword_as_name_for", "for = 1\n"),
    ("star_assign_alone", "*a = [1]\n"),
    ("del_literal", "del 1\n"),
    ("keyword_arg_expression", "f(x + 1 = 2)\n"),
    ("positional_after_keyword", "f(a=1, 2)\n"),
    # --- Python 2 habits -----------------------------------------------------------
    ("print_statement", 'print "hi"\n'),
    ("print_statement_name", "x = 1\nprint x\n"),
    # --- Functions, lambdas, walrus ------------------------------------------------
    ("def_bad_params", "def f(:\n    pass\n"),
    ("def_no_parens", "def f:\n    pass\n"),
    ("def_no_name", "def (x):\n    pass\n"),
    ("def_default_order", "def f(a=1, b):\n    pass\n"),
    ("def_bare_star", "def f(*):\n    pass\n"),
    ("lambda_yield", "f = lambda: yield\n"),
    ("walrus_statement", "x := 5\n"),
    ("walrus_attribute", "class A: pass\na = A()\nif (a.b := 1):\n    pass\n"),
    ("for_no_in", "for i range(3):\n    pass\n"),
    # --- Blocks --------------------------------------------------------------------
    ("else_without_if", "x = 1\nelse:\n    pass\n"),
    ("elif_without_if", "elif x:\n    pass\n"),
    ("try_without_except", "try:\n    pass\nx = 1\n"),
    ("compound_after_semicolon", "x = 1; if x: pass\n"),
    ("import_nothing", "import\n"),
    ("from_import_nothing", "from math import\n"),
    # --- Strings -------------------------------------------------------------------
    ("unterminated_string", "print('hello)\n"),
    ("unterminated_string_dq", 'name = "Bob\nprint(name)\n'),
    ("unterminated_string_eof", "x = 'abc"),
    ("unterminated_triple", 's = """abc\ndef\n'),
    ("unterminated_triple_single", "x = 1\ny = '''\ntext\n"),
    ("syntax_error_then_unterminated", "if x\n    pass\ns = 'abc\n"),
    ("unknown_unicode_name", "s = '\\N{NO SUCH NAME}'\n"),
    ("unknown_unicode_name_later", "x = 1\nprint('a \\N{SMILEY FACE} b')\n"),
    ("bytes_non_ascii", "b = b'caf\u00e9'\n"),
    # --- f-strings (as CPython 3.11 parses them) -----------------------------------
    ("fstring_unclosed_brace", "x = 1\nprint(f'{x')\n"),
    ("fstring_single_rbrace", "print(f'x}')\n"),
    ("fstring_empty_expression", "print(f'{}')\n"),
    ("fstring_bad_conversion", "x = 1\nprint(f'{x!z}')\n"),
    ("fstring_backslash", "a = ['x']\nprint(f'{\"\\n\".join(a)}')\n"),
    ("fstring_same_quotes", 'd = {"k": 1}\nprint(f"{d["k"]}")\n'),
    # --- Characters that are not Python --------------------------------------------
    ("smart_quotes", "print(\u201chi\u201d)\n"),
    ("nbsp_in_code", "x =\u00a01\n"),
    ("times_sign", "x = 5 \u00d7 3\n"),
    ("invalid_decimal_literal", "y = 2\nx = 2y\n"),
    ("leading_zero", "x = 012\n"),
    ("backslash_junk", "x = 1 \\ 2\n"),
    ("backslash_eof", "x = 1 + \\"),
    ("backslash_junk_line2", "x = 1\ny = 1 \\ 2\n"),
    ("backslash_eof_line2", "x = 1\ny = 2 + \\"),
    # --- Indentation ---------------------------------------------------------------
    ("unexpected_indent", "x = 1\n    y = 2\n"),
    ("indent_first_line", "  print(1)\n"),
    ("unindent_mismatch", "if True:\n        x = 1\n    y = 2\n"),
    ("unindent_mismatch_late", "x = 10\n\nif x > 5:\n    print('big')\n   print(x)\n"),
    ("expected_indent_if", "if True:\nprint(1)\n"),
    ("expected_indent_def", "def f():\nreturn 1\n"),
    ("expected_indent_for_eof", "for i in range(3):\n"),
    ("expected_indent_else", "x = 1\nif x:\n    pass\nelse:\nprint(2)\n"),
    ("expected_indent_class", "class A:\n\nx = 1\n"),
    ("expected_indent_try", "try:\nx = 1\nexcept:\n    pass\n"),
    ("expected_indent_while", "while True:\n# forever\nbreak\n"),
    ("tabs_then_spaces", "if True:\n\tx = 1\n        y = 2\n"),
    ("spaces_then_tab", "if True:\n    x = 1\n\ty = 2\n"),
    # --- Habits from other languages, and typos ------------------------------------
    ("if_two_names", "x = 1\nif x y:\n    pass\n"),
    ("while_no_colon_same_line", "x = 1\nwhile x < 3 print(x)\n"),
    ("else_if", "x = 1\nif x:\n    pass\nelse if x > 1:\n    pass\n"),
    ("plus_plus", "x = 1\nx++\n"),
    ("double_ampersand", "x = y = 1\nif x == 1 && y:\n    pass\n"),
    ("c_style_while", "x = 1\nwhile (x < 5) {\n    x += 1\n}\n"),
    ("c_style_for", "for (i = 0; i < 10; i++):\n    pass\n"),
    ("lambda_return", "f = lambda x: return x\n"),
    ("import_as_nothing", "import math as\n"),
    ("apostrophe_in_string", "print('It's me')\n"),
    ("quotes_in_string", 'print("He said "hi"")\n'),
    ("dict_set_mix", "x = {'a': 1, 'b'}\n"),
    ("assign_chain_literal", "x = 1 = 2\n"),
    ("assign_tuple_literal", "(a, 1) = 2, 3\n"),
    ("assign_list_call", "[a, f()] = 1, 2\n"),
    ("assign_comparison", "x < 1 = 2\n"),
    ("assign_ellipsis", "... = 1\n"),
    ("type_alias_statement", "type X = int\n"),
    ("generic_function", "def f[T](x):\n    pass\n"),
    # --- Unclosed brackets near other errors ---------------------------------------
    ("unclosed_list_then_print", "x = [1, 2, 3\nprint(x)\n"),
    ("unclosed_call_then_call", "print('a'\nprint('b')\n"),
    ("unclosed_missing_comma_eof", 'print("x" y\n'),
    ("unclosed_trailing_comma", "foo(1,\n"),
    ("colon_then_unindent_mismatch", "x = 1\nif x\n    pass\n  y = 1\n"),
    ("colon_then_tab_error", "x = 1\nif x\n\tpass\n        y = 1\n"),
    ("expected_indent_comment_eof", "x = 1\nif x:\n    # todo\n"),
    ("expected_indent_method", "class A:\n    def f(self):\n    pass\n"),
    ("unindent_mismatch_else", "x = 1\nif x > 5:\n    print('a')\n  else:\n    print('b')\n"),
    ("unterminated_triple_blank_lines", "s = '''abc\n\n"),
    ("unterminated_string_continued", "s = 'abc\\\ndef\n"),
    # --- Number literals -----------------------------------------------------------
    ("number_then_letters", "x = 123abc\n"),
    ("number_leading_zeros_2", "x = 0012\n"),
    ("hex_no_digits", "x = 0x\n"),
    ("octal_bad_digit", "x = 0o8\n"),
    ("binary_bad_digit", "x = 0b2\n"),
    ("number_trailing_underscore", "x = 1_\n"),
    ("number_double_underscore", "x = 1__0\n"),
    ("exponent_no_digits", "x = 1e\n"),
    ("imaginary_then_digit", "x = 1.5j3\n"),
    ("hex_bad_letter", "x = 0xfg\n"),
    # --- More f-strings and escapes ------------------------------------------------
    ("fstring_missing_comma", "a = b = 1\nprint(f'{a b}')\n"),
    ("fstring_missing_operand", "x = 1\nprint(f'{x +}')\n"),
    ("fstring_blank_expression", "print(f'{ }')\n"),
    ("fstring_bang_at_end", "x = 1\nprint(f'{x!}')\n"),
    ("fstring_nested_too_deeply", "x = y = z = 1\nprint(f'{x:{y:{z}}}')\n"),
    ("fstring_hash", "x = 1\nprint(f'{x#}')\n"),
    ("fstring_unclosed_paren", "x = 1\nprint(f'{(x}')\n"),
    ("fstring_stray_paren", "x = 1\nprint(f'{x)}')\n"),
    ("escape_n_without_brace", "s = '\\N'\n"),
    ("escape_n_unclosed", "s = '\\N{BULLET'\n"),
    ("escape_after_non_ascii", "s = '\u00e9 \\N{NO SUCH}'\n"),
    ("control_character", "x = \x01\n"),
    ("null_byte", "x = 1\x00\n"),
    # --- Found by mutating correct programs one character at a time ---------------
    ("keyword_typo_for", "n = 3\nfori in range(n):\n    pass\n"),
    ("error_before_comment", "x = 1\nwhile x > #0:\n    x -= 1\n"),
    ("comprehension_two_iterables", "y = z = []\nx = [i for i in y z]\n"),
    ("comprehension_missing_in", "y = []\nx = [i for i n y]\n"),
    ("comprehension_broken_target", "x = [i for i > in range(3)]\n"),
    ("lambda_missing_comma", "print(lambda x y: 1)\n"),
    ("if_modulo_assign", "x = 1\nif x % 2 = 0:\n    pass\n"),
    ("keyword_argument_double_equal", "f(target=wor=er)\n"),
    ("dict_missing_value", "d = {'a': }\n"),
    ("def_missing_default", "def f(x=, y=2):\n    pass\n"),
    ("bytes_and_str", "s = 'a' b'b'\n"),
    ("bytes_bad_hex_escape", "b = b'\\x4z'\n"),
    ("str_bad_hex_escape", "s = '\\x4z'\n"),
    ("str_bad_unicode_escape", "s = '\\ULLET'\n"),
    ("incomplete_binop_target", "total = 1\ntotal- = 0\n"),
    ("name_then_brace", "total = 0\ntot{al = 0\nprint(total)\n"),
    ("expected_indent_then_dedent", "def f(x):\n    if x:\nx = 1\n"),
    ("unexpected_indent_then_bad_string", "x = 1\n  y = 2\ns = 'abc\n"),
    ("backslash_in_indentation", "x = 1\nif x:\n   \\ y = 2\n"),
    ("annotation_of_comparison", "x = 1\nx < 1: int = 2\n"),
    ("tuple_annotation", "a, b: int = 1, 2\n"),
    # --- Nesting CPython refuses (and a parser's stack could not take) --------------
    ("too_many_parentheses", "x = " + "(" * 201 + "1" + ")" * 201 + "\n"),
    ("too_many_indentation_levels",
     "".join(" " * i + "if x:\n" for i in range(100)) + " " * 100 + "pass\n"),
    # --- Errors CPython's compiler reports, not its parser -------------------------
    ("return_outside_function", "x = 1\nreturn x\n"),
    ("break_outside_loop", "break\n"),
    ("continue_outside_loop", "x = 1\nif x:\n    continue\n"),
    ("yield_outside_function", "yield 1\n"),
    ("await_outside_function", "await f()\n"),
    ("nonlocal_at_module_level", "nonlocal x\n"),
    ("duplicate_argument", "def f(x, x):\n    pass\n"),
    ("global_after_assignment", "def f():\n    x = 1\n    global x\n"),
    ("keyword_argument_repeated", "f(a=1, a=2)\n"),
]

VALID = [
    ("v_hello", "print('Hello, world!')\n"),
    ("v_empty", ""),
    ("v_comment_only", "# nothing here\n"),
    ("v_no_trailing_newline", "print(1)"),
    ("v_crlf", "x = 1\r\nif x:\r\n    print(x)\r\n"),
    ("v_tabs", "if True:\n\tx = 1\n\tif x:\n\t\ty = 2\n"),
    ("v_backslash_continuation", "x = 1 + \\\n    2\n"),
    ("v_blank_and_comment_lines", "x = 1\nif x:\n\n  # a comment at another indent\n    y = 1\n"),
    ("v_semicolons", "x = 1; y = 2; print(x + y)\n"),
    ("v_cyrillic_names", "\u043f\u0440\u0438\u0432\u0435\u0442 = '\u043c\u0438\u0440'\nprint(\u043f\u0440\u0438\u0432\u0435\u0442)\n"),
    ("v_fstrings", "x = 5\nprint(f\"{x!r:>10} {'a' if x else 'b'} {x:{3}} {{}}\")\n"),
    ("v_unicode_names", 's = "\\N{BULLET} \\N{em dash} \\N{SNOWMAN} \\N{GREEK SMALL LETTER PI} '
     '\\N{DEGREE SIGN} \\N{CYRILLIC CAPITAL LETTER YA} \\N{Latin Small Letter E With Acute}"\n'),
    ("v_walrus", "data = [1, 2]\nif (n := len(data)) > 1:\n    print(n)\n"),
    ("v_match", "x = 1\nmatch x:\n    case 1 | 2:\n        print('small')\n    case _:\n        pass\n"),
    ("v_soft_keyword_names", "match = 1\ncase = 2\n_ = match + case\n"),
    ("v_functions", "def f(a: int, /, b=2, *args: str, c: float = 1.0, **kw) -> None:\n"
     "    '''Doc.'''\n    return None\n\nf(1, c=2, *[], **{})\n"),
    ("v_lambda_comprehensions", "sq = lambda x=1: x * x\nprint([sq(i) for i in range(3) if i],"
     " {i: i for i in 'ab'}, {*'ab'}, list(i for i in (1,)))\n"),
    ("v_class", "class A(object):\n    n = 0\n\n    def __init__(self):\n"
     "        self.x = 1\n\n    @property\n    def y(self):\n        return self.x\n"),
    ("v_try", "try:\n    x = 1 / 0\nexcept (ZeroDivisionError, ValueError) as e:\n    print(e)\n"
     "else:\n    pass\nfinally:\n    print('done')\n"),
    ("v_async", "import asyncio\n\nasync def main():\n    await asyncio.sleep(0)\n"
     "    async with x as y:\n        pass\n\nasyncio.run(main())\n"),
    ("v_scopes", "g = 0\ndef outer():\n    global g\n    n = 0\n    def inner():\n"
     "        nonlocal n\n        n += 1\n        yield n\n    return inner\n"),
    ("v_star_unpacking", "a, *rest = [1, 2, 3]\nprint(*rest, sep=', ', end='')\n"),
    ("v_bytes_raw", "b = b'abc'\nr = r'\\d+\\n'\nrb = rb'\\x'\n"),
    ("v_chained_comparison", "x = 2\nprint(1 < x <= 3 != 4, not x, x if x else -x)\n"),
    ("v_numbers", "n = [0, 0o17, 0x1F, 0b101, 1_000, 1.5e-3, 3j, 0.0, 00]\n"),
    ("v_while_else", "i = 0\nwhile i < 3:\n    i += 1\nelse:\n    print(i)\n"),
    ("v_string_continuation", "s = ('a'\n     'b')\nt = 'c\\\nd'\n"),
    ("v_keyword_then_number", "x = [1if True else 2]\n"),
    ("v_fstring_self_documenting", "name = 'x'\nprint(f'{name=}', f'{name!r:>{10}}')\n"),
    ("v_print_default_end", "print('a', end='')\nprint()\n"),
    ("v_deep_but_allowed", "x = " + "(" * 150 + "1" + ")" * 150 + "\n"),
    ("v_decorators", "import functools\n@functools.lru_cache(maxsize=None)\ndef f(n):\n    return n\n"),
]

# Character names a student might write in a `\N{...}` escape, in the case they might
# write them in: the test checks the parser decodes each as CPython does.
UNICODE_NAMES = [
    "BULLET", "bullet", "EM DASH", "em dash", "EN DASH", "NO-BREAK SPACE", "SNOWMAN",
    "BLACK STAR", "WHITE STAR", "WHITE SMILING FACE", "BLACK HEART SUIT", "DEGREE SIGN",
    "MULTIPLICATION SIGN", "DIVISION SIGN", "PLUS-MINUS SIGN", "CHECK MARK",
    "HEAVY CHECK MARK", "BALLOT X", "RIGHTWARDS ARROW", "LEFTWARDS ARROW",
    "UPWARDS ARROW", "DOWNWARDS ARROW", "HORIZONTAL ELLIPSIS", "COPYRIGHT SIGN",
    "REGISTERED SIGN", "EURO SIGN", "POUND SIGN", "YEN SIGN", "RUBLE SIGN",
    "SECTION SIGN", "PILCROW SIGN", "MICRO SIGN", "INFINITY", "NOT EQUAL TO",
    "LESS-THAN OR EQUAL TO", "GREATER-THAN OR EQUAL TO", "ALMOST EQUAL TO", "SQUARE ROOT",
    "LEFT-POINTING DOUBLE ANGLE QUOTATION MARK", "RIGHT-POINTING DOUBLE ANGLE QUOTATION MARK",
    "LEFT DOUBLE QUOTATION MARK", "RIGHT DOUBLE QUOTATION MARK",
    "LEFT SINGLE QUOTATION MARK", "RIGHT SINGLE QUOTATION MARK",
    "FULL BLOCK", "LIGHT SHADE", "BOX DRAWINGS LIGHT HORIZONTAL",
    "BOX DRAWINGS LIGHT VERTICAL", "BLACK SQUARE", "WHITE SQUARE", "BLACK CIRCLE",
    "WHITE CIRCLE", "ZERO WIDTH SPACE", "REPLACEMENT CHARACTER",
    "GREEK SMALL LETTER ALPHA", "GREEK SMALL LETTER BETA", "GREEK SMALL LETTER PI",
    "greek small letter omega", "GREEK SMALL LETTER FINAL SIGMA", "GREEK CAPITAL LETTER DELTA",
    "GREEK CAPITAL LETTER OMEGA", "GREEK CAPITAL LETTER SIGMA",
    "CYRILLIC CAPITAL LETTER A", "CYRILLIC CAPITAL LETTER YA", "CYRILLIC SMALL LETTER SHCHA",
    "cyrillic small letter short i", "CYRILLIC SMALL LETTER IO", "CYRILLIC CAPITAL LETTER IO",
    "LATIN SMALL LETTER E WITH ACUTE", "LATIN SMALL LETTER N WITH TILDE",
    "LATIN SMALL LETTER U WITH DIAERESIS", "LATIN SMALL LETTER SHARP S",
    "LATIN CAPITAL LETTER A", "latin small letter z",
    "SPACE", "EXCLAMATION MARK", "QUOTATION MARK", "NUMBER SIGN", "APOSTROPHE",
    "HYPHEN-MINUS", "FULL STOP", "SOLIDUS", "REVERSE SOLIDUS", "LOW LINE", "TILDE",
    "VERTICAL LINE", "LEFT CURLY BRACKET", "COMMERCIAL AT", "DIGIT SEVEN",
    "LINE FEED", "CARRIAGE RETURN", "CHARACTER TABULATION", "NULL", "ESCAPE", "BELL",
    "CJK UNIFIED IDEOGRAPH-4E2D",
]


def run(source):
    """What CPython says about `source`: None if it compiles, else the error."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            compile(source, "main.py", "exec")
            return None
        except SyntaxError as e:
            error = {
                "type": type(e).__name__,
                "msg": e.msg,
                "lineno": e.lineno,
                "offset": e.offset,
                "end_lineno": e.end_lineno,
                "end_offset": e.end_offset,
            }
        try:
            ast.parse(source, "main.py")
            error["stage"] = "compiler"
        except SyntaxError:
            error["stage"] = "parser"
        return error


def main():
    if sys.version_info[:2] != (3, 11):
        print(f"warning: CPython 3.11 is the reference; this is {sys.version.split()[0]}",
              file=sys.stderr)
    names = set()
    cases = []
    for name, source in CASES + VALID:
        if name in names:
            sys.exit(f"duplicate case name {name}")
        names.add(name)
        error = run(source)
        expect_valid = name.startswith("v_")
        if expect_valid != (error is None):
            sys.exit(f"{name}: CPython says {error!r}; the name says otherwise")
        cases.append({"name": name, "source": source, "error": error})
    unicode_names = [{"name": n, "char": unicodedata.lookup(n)} for n in UNICODE_NAMES]
    here = os.path.dirname(os.path.abspath(__file__))
    out = {
        "generated_by": "tests/python-syntax/generate.py (do not edit: run it again)",
        "python": sys.version.split()[0],
        "cases": cases,
        "unicode_names": unicode_names,
    }
    with open(os.path.join(here, "cases.json"), "w", encoding="utf-8") as f:
        json.dump(out, f, ensure_ascii=False, indent=1)
        f.write("\n")
    invalid = sum(1 for c in cases if c["error"])
    print(f"{len(cases)} programs ({invalid} invalid), {len(unicode_names)} names: cases.json")


if __name__ == "__main__":
    main()
