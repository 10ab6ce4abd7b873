// The listing's code read back into the form's values (www/editor/literals.js): an
// edit of the list literal or of max_workers keeps the code the listing, with the
// new values; anything else, or anything it is not sure of, is the student's own code.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readListing, readLiteral } from '../../www/editor/literals.js';
import { listing } from '../../www/listings.js';

const textOf = (lines) => lines.map((line) => line.text).join('\n');
const POOL = { scenario: 'pool_as_completed', kind: 'sleep', workers: '5', pool: true };
const code = (items, workers = '5', plan = POOL) => textOf(listing(plan.scenario, plan.kind, items, plan.pool ? workers : ''));

test('the listing itself reads back as its own values', () => {
  assert.deepEqual(readListing(code(['5', '4', '3', '2', '1']), POOL), { items: ['5', '4', '3', '2', '1'], workers: '5' });
});

test('a changed item of the secs literal is the listing with that item', () => {
  const edited = code(['5', '4', '3', '2', '1']).replace('secs = [5,', 'secs = [2,');
  assert.deepEqual(readListing(edited, POOL), { items: ['2', '4', '3', '2', '1'], workers: '5' });
});

test('items added, taken out, or a float, are still the listing', () => {
  const base = code(['5', '4', '3', '2', '1']);
  assert.deepEqual(readListing(base.replace('[5, 4, 3, 2, 1]', '[0.5, 1.25, 7, 8, 9, 10]'), POOL).items, ['0.5', '1.25', '7', '8', '9', '10']);
  assert.deepEqual(readListing(base.replace('[5, 4, 3, 2, 1]', '[3]'), POOL).items, ['3']);
});

test('max_workers changed, taken out or put in is the workers field', () => {
  const base = code(['5', '4'], '5');
  assert.equal(readListing(base.replace('max_workers=5', 'max_workers=2'), POOL).workers, '2');
  assert.equal(readListing(base.replace('(max_workers=5)', '()'), POOL).workers, '');
  assert.equal(readListing(code(['5', '4'], ''), { ...POOL, workers: '' }).workers, '');
  assert.equal(readListing(code(['5', '4'], '').replace('ThreadPoolExecutor()', 'ThreadPoolExecutor(max_workers=3)'), { ...POOL, workers: '' }).workers, '3');
});

test('whitespace between the brackets is the student’s, not a change of the program', () => {
  const base = code(['5', '4', '3']);
  assert.deepEqual(readListing(base.replace('[5, 4, 3]', '[5,4,  3,]'), POOL).items, ['5', '4', '3']);
  assert.deepEqual(readListing(base.replace('[5, 4, 3]', '[\n    5,\n    4,\n    3\n]'), POOL).items, ['5', '4', '3']);
});

test('whitespace or anything else outside the literal makes it the student’s own code', () => {
  const base = code(['5', '4', '3']);
  assert.equal(readListing(base.replace('secs = [', 'secs =  ['), POOL), null);
  assert.equal(readListing(base.replace('max_workers=5', 'max_workers = 5'), POOL), null);
  assert.equal(readListing(base.replace('max_workers=5', 'max_workers=5, thread_name_prefix="w"'), POOL), null);
  assert.equal(readListing(base.replace('ThreadPoolExecutor(max_workers=5)', 'ThreadPoolExecutor(5)'), POOL), null);
  assert.equal(readListing(`${base}\nprint("hi")`, POOL), null);
  assert.equal(readListing(base.replace('import time', 'import time\nprint("hi")'), POOL), null);
  assert.equal(readListing(base.replace('[5, 4, 3]', '[5, 4, 3] * 2'), POOL), null);
});

test('an item that is not a number literal is code, not data', () => {
  const base = code(['5', '4', '3']);
  for (const list of ['[5, x]', '[5, 4 + 1]', '[5, "4"]', '[5, ...]', '[5, 4 # four\n]', '[5, 4abc]', '[1.2.3]', '[5 4]', '[,]', '[5,,4]', '(5, 4)', '[5, 4']) {
    assert.equal(readListing(base.replace('[5, 4, 3]', list), POOL), null, list);
  }
});

test('numbers the form will refuse are still read: the form says what is wrong at its field', () => {
  const base = code(['5', '4', '3']);
  assert.deepEqual(readListing(base.replace('[5, 4, 3]', '[100, -1]'), POOL).items, ['100', '-1']);
  assert.deepEqual(readListing(base.replace('[5, 4, 3]', '[]'), POOL).items, []);
  assert.equal(readListing(base.replace('max_workers=5', 'max_workers=0'), POOL).workers, '0');
  assert.equal(readListing(base.replace('max_workers=5', 'max_workers=x'), POOL), null);
});

test('a shortened list (past a dozen items) cannot be read back: the student’s own code', () => {
  const many = Array.from({ length: 13 }, () => '1');
  const shortened = code(many);
  assert.match(shortened, /\.\.\. {2}# 13\]/);
  assert.equal(readListing(shortened, POOL), null);
  // Nor can a list grown past a dozen in the code: the listing would not show it so.
  const twelve = code(many.slice(1));
  assert.ok(readListing(twelve, POOL));
  assert.equal(readListing(twelve.replace('[1, ', '[1, 1, '), POOL), null);
});

test('image URLs are double-quoted strings, one a line or not', () => {
  const plan = { scenario: 'pool_map', kind: 'download', workers: '', pool: true };
  const base = code(['images/a.jpg', 'images/b.jpg'], '', plan);
  assert.deepEqual(readListing(base.replace('"images/b.jpg"', '"https://example.com/c.jpg"'), plan).items, ['images/a.jpg', 'https://example.com/c.jpg']);
  assert.deepEqual(readListing(base.replace('"images/b.jpg",', '"images/b.jpg",\n    "images/c.jpg",'), plan).items, ['images/a.jpg', 'images/b.jpg', 'images/c.jpg']);
  assert.deepEqual(readListing(base.replace('[\n    "images/a.jpg",\n    "images/b.jpg",\n]', '["images/a.jpg", "images/b.jpg"]'), plan).items, ['images/a.jpg', 'images/b.jpg']);
  // Not the listing's way of writing a string: single quotes, needless escapes, a number.
  assert.equal(readListing(base.replace('"images/b.jpg"', "'images/b.jpg'"), plan), null);
  assert.equal(readListing(base.replace('"images/b.jpg"', '"images\\/b.jpg"'), plan), null);
  assert.equal(readListing(base.replace('"images/b.jpg"', '5'), plan), null);
  assert.equal(readListing(base.replace('"images/b.jpg"', 'f"images/{n}.jpg"'), plan), null);
});

test('a listing without a pool keeps the form’s max_workers, and has none to read', () => {
  const plan = { scenario: 'threads', kind: 'compute', workers: '7', pool: false };
  const base = code(['2000000', '2000000'], '', plan);
  assert.deepEqual(readListing(base.replace('ns = [2000000,', 'ns = [2_000_000,'), plan), { items: ['2_000_000', '2000000'], workers: '7' });
});

test('another listing, or the same in another language, is not this one', () => {
  const other = textOf(listing('pool_submit', 'sleep', ['5'], '5'));
  assert.equal(readListing(other, POOL), null);
  const images = textOf(listing('pool_as_completed', 'download', ['a.jpg'], '5'));
  assert.equal(readListing(images, POOL), null);
});

test('the literal reader: items as the form holds them, and where the literal ends', () => {
  assert.deepEqual(readLiteral('[1, 2.5, -3]\nrest', 'sleep'), { items: ['1', '2.5', '-3'], source: ['1', '2.5', '-3'], end: 12 });
  assert.deepEqual(readLiteral('["a\\"b", "c\\\\d"]', 'download').items, ['a"b', 'c\\d']);
  assert.equal(readLiteral('["a\\nb"]', 'download'), null);
  assert.equal(readLiteral('[1e3, .5, 5.]', 'sleep').items.length, 3);
  assert.equal(readLiteral('1, 2', 'sleep'), null);
});
