// The other direction of "one program, two views": the student edited the listing's
// code, and if what they changed is only the list literal's items and/or the
// max_workers value, those are the fields' new values and the code is still the
// listing. Anything else is their own code (editor/program.js).
//
// The rule is strict on purpose, so a student is never told "this is the listing"
// about a program that is not: the values read back must make, through listings.js,
// the very text the student has — except for whitespace between the literal's
// brackets (`[5,4]` or one image a line or not, a trailing comma or not), which is
// what a student types without meaning anything by it. The literal's items are read
// as Python reads the literals the listing writes: numbers (`5`, `0.5`, `-1`,
// `2_000_000`) for secs and compute, double-quoted strings (`"images/a.jpg"`) for
// image URLs; a name, a call, a comment or `...` is code, not data. A list longer
// than the listing shows (it shortens past a dozen items: `...  # 20`) cannot be
// the listing's text, so it is the student's own code too. Whether the values are
// good ones (a sleep of 100 s, max_workers=0) is the form's to say, at its field.

import { LIST_NAMES, MAX_SHOWN, listing, literal } from '../listings.js';

const textOf = (lines) => lines.map((line) => line.text).join('\n');

/** A Python decimal number as the listing writes one (an int or a float, signed). */
const NUMBER = /^[+-]?(?:\d(?:_?\d)*(?:\.(?:\d(?:_?\d)*)?)?|\.\d(?:_?\d)*)(?:[eE][+-]?\d(?:_?\d)*)?/;
/** A string as JSON.stringify writes a URL: double quotes, `\"` and `\\` the only escapes. */
const STRING = /^"(?:[^"\\\n]|\\["\\])*"/;
const SPACE = /^[ \t\n]*/;

/**
 * Reads the list literal at the start of `text`: `[item, item, …]`, whitespace
 * anywhere between the brackets, a trailing comma or not. `kind` says what an item
 * is ('download': strings, else numbers). Returns `{ items, source, end }` — the
 * items as the form holds them (a number's text as written, a string's value), the
 * items' text as written, and where the literal ends — or null if it is not such a
 * literal.
 */
export function readLiteral(text, kind) {
  if (text[0] !== '[') return null;
  let at = 1;
  const skip = () => {
    at += SPACE.exec(text.slice(at))[0].length;
  };
  const items = [];
  const source = [];
  skip();
  while (text[at] !== ']') {
    const rest = text.slice(at);
    const token = (kind === 'download' ? STRING : NUMBER).exec(rest)?.[0];
    if (!token) return null;
    // `5abc` or `1.2.3` is not a number followed by something: it is not a literal here.
    if (kind !== 'download' && /^[\w.]/.test(rest.slice(token.length))) return null;
    source.push(token);
    items.push(kind === 'download' ? token.slice(1, -1).replace(/\\(["\\])/g, '$1') : token);
    at += token.length;
    skip();
    if (text[at] === ',') {
      at += 1;
      skip();
    } else if (text[at] !== ']') {
      return null;
    }
  }
  return { items, source, end: at + 1 };
}

/** `ThreadPoolExecutor(max_workers=N)` or `ThreadPoolExecutor()`: N as written, or ''. */
const POOL = /^concurrent\.futures\.ThreadPoolExecutor\((?:max_workers=(-?\d+))?\)/;

/**
 * Reads the edited `text` as the listing `{ scenario, kind, workers, pool }` of the
 * form (`pool`: whether the scenario has max_workers) with other values. Returns
 * `{ items, workers }` (workers: as written, '' for the default; the form's own when
 * the scenario has no pool), or null when the text is not that listing: the
 * student's own code.
 */
export function readListing(text, { scenario, kind, workers, pool }) {
  const name = LIST_NAMES[kind];
  // What stands before the list does not depend on the list.
  const before = textOf(listing(scenario, kind, [], pool ? workers : ''));
  const head = `\n${name} = `;
  const start = before.indexOf(head) + head.length;
  if (start < head.length || !text.startsWith(before.slice(0, start))) return null;
  const list = readLiteral(text.slice(start), kind);
  if (!list || list.items.length > MAX_SHOWN) return null;
  // A string is the listing's only as JSON.stringify writes it (no needless escapes).
  if (kind === 'download' && list.items.some((item, i) => JSON.stringify(item) !== list.source[i])) return null;
  const after = start + list.end;
  let given = '';
  if (pool) {
    const at = text.indexOf('concurrent.futures.ThreadPoolExecutor(', after);
    const call = at < 0 ? null : POOL.exec(text.slice(at));
    if (!call) return null;
    given = call[1] ?? '';
  }
  // The values read, put back by listings.js, must give the student's text itself.
  const made = textOf(listing(scenario, kind, list.items, given));
  const madeLiteral = literal(kind, list.items);
  if (made.slice(0, start) !== text.slice(0, start)) return null;
  if (made.slice(start, start + madeLiteral.length) !== madeLiteral) return null;
  if (made.slice(start + madeLiteral.length) !== text.slice(after)) return null;
  return { items: list.items, workers: pool ? given : workers };
}
