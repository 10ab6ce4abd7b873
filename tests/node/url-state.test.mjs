// The page's state survives the trip through its URL, whatever the student typed:
// a link reproduces the run. Random states from a seeded generator (the same every
// run), hostile characters included.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mulberry32 } from '../../tools/make-images.mjs';
import { SCENARIOS } from '../../www/scenarios.js';
import { readState, stateToSearch } from '../../www/url-state.js';

const ALPHABET = ['a', 'Z', '0', '9', '.', ' ', '[', ']', '&', '=', '?', '#', '%', '+', '/', ':', ';', '"', "'", '<', '>', 'ж', 'ё', '🧵', '\u202e', '\\'];

function text(rand, max = 20, alphabet = ALPHABET) {
  return Array.from({ length: Math.floor(rand() * max) }, () => alphabet[Math.floor(rand() * alphabet.length)]).join('');
}

function state(rand) {
  const kind = ['sleep', 'download', 'compute'][Math.floor(rand() * 3)];
  // Image URLs are joined with commas in the URL, so a URL may not hold one itself.
  const urls = Array.from({ length: Math.floor(rand() * 4) + 1 }, () => text(rand, 30).replaceAll(',', '').trim()).filter(Boolean);
  return {
    scenario: SCENARIOS[Math.floor(rand() * SCENARIOS.length)].id,
    kind: kind === 'download' && urls.length === 0 ? 'sleep' : kind,
    secs: kind === 'sleep' && rand() < 0.8 ? text(rand) : null,
    images: urls.join('\n'),
    compute: kind === 'compute' ? text(rand) || '1' : null,
    workers: rand() < 0.5 ? '' : text(rand, 5),
    threads: rand() < 0.7 ? '' : text(rand, 4),
    lang: ['', 'ru', 'en', text(rand, 4)][Math.floor(rand() * 4)],
    autorun: rand() < 0.5,
    embed: rand() < 0.5,
    readonly: rand() < 0.5,
  };
}

test('state → URL → state, for 1000 random states', () => {
  const rand = mulberry32(20261126);
  for (let i = 0; i < 1000; i++) {
    const before = state(rand);
    const search = stateToSearch(before);
    const after = readState(`?${search}`);
    const list = { sleep: 'secs', download: 'images', compute: 'compute' }[before.kind];
    const expectedList = list === 'secs' ? (before.secs === '' ? null : before.secs) : before[list];
    assert.equal(after.scenario, before.scenario, search);
    assert.equal(after.kind, expectedList === null && list === 'secs' ? 'sleep' : before.kind, search);
    assert.equal(after[list], expectedList, `${list} in ${search}`);
    for (const key of ['workers', 'threads', 'lang', 'autorun', 'embed', 'readonly']) assert.equal(after[key], before[key], `${key} in ${search}`);
    // Nothing typed can add a parameter of its own.
    const keys = [...new URLSearchParams(search).keys()];
    assert.ok(keys.every((k) => ['embed', 'scenario', 'secs', 'images', 'compute', 'workers', 'threads', 'lang', 'autorun', 'readonly'].includes(k)), search);
  }
});

test('an unknown scenario in a URL falls back to the first listing, the rest kept as typed', () => {
  const after = readState('?scenario=%3Cscript%3E&secs=1,2&workers=abc');
  assert.equal(after.scenario, SCENARIOS[0].id);
  assert.equal(after.secs, '1,2');
  assert.equal(after.workers, 'abc');
});

test('the student’s code and the GIL setting survive the URL, whatever the code holds', async () => {
  const { packCode, unpackCode } = await import('../../www/editor/code-url.js');
  const rand = mulberry32(20261212);
  const alphabet = [...ALPHABET, '\n', '\t', '    ', 'print(', ')', ':'];
  for (let i = 0; i < 200; i++) {
    const code = text(rand, 60, alphabet);
    const gil = rand() < 0.5;
    const search = stateToSearch({ scenario: 'threads', kind: 'sleep', secs: null, workers: '', threads: '', lang: 'en', autorun: false, code, gil });
    const after = readState(`?${search}`);
    assert.equal(after.code, code, search);
    assert.equal(after.gil, gil, search);
    assert.equal(after.scenario, 'threads', search);
  }
  // Long code goes compressed (codez=), and comes back from the URL alone.
  const long = Array.from({ length: 200 }, (_, i) => `print("строка ${i} 🧵 & = + %")`).join('\n');
  const packed = await packCode(long);
  assert.equal(packed.key, 'codez');
  assert.ok(packed.value.length < long.length / 4, `${packed.value.length} characters`);
  const search = stateToSearch({ scenario: 'threads', kind: 'sleep', code: long, codeParam: packed, gil: true });
  const after = readState(`?${search}`);
  assert.equal(after.code, null);
  assert.equal(await unpackCode(after.codez), long);
  // Short code stays readable; a packing of older code is not used for newer.
  assert.equal((await packCode('x = 1')).key, 'code');
  assert.equal(readState(`?${stateToSearch({ scenario: 'threads', kind: 'sleep', code: 'y', codeParam: packed })}`).code, 'y');
  await assert.rejects(unpackCode('not-compressed'), /^Error: codez: not compressed code/);
});
