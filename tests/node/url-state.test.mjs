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
    for (const key of ['workers', 'threads', 'lang', 'autorun']) assert.equal(after[key], before[key], `${key} in ${search}`);
    // Nothing typed can add a parameter of its own.
    const keys = [...new URLSearchParams(search).keys()];
    assert.ok(keys.every((k) => ['scenario', 'secs', 'images', 'compute', 'workers', 'threads', 'lang', 'autorun'].includes(k)), search);
  }
});

test('an unknown scenario in a URL falls back to the first listing, the rest kept as typed', () => {
  const after = readState('?scenario=%3Cscript%3E&secs=1,2&workers=abc');
  assert.equal(after.scenario, SCENARIOS[0].id);
  assert.equal(after.secs, '1,2');
  assert.equal(after.workers, 'abc');
});
