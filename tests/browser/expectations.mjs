// What each lesson listing must show, with sleeps short enough for a test run.
// Used by the page tests (through the URL) and the API tests (through run()).

import assert from 'node:assert/strict';

export const GOING = 'Сейчас как усну на целую секунду!';
export const WOKE = 'Вот это я выспался';
/** What a run may take beyond its ideal wall time on this shared 2-core machine. */
export const SLACK_MS = 400;

const results = (lines) => lines.filter((l) => l.startsWith('проспала'));

export const SCENARIO_CASES = [
  {
    scenario: 'sequential',
    secs: [0.2, 0.2, 0.2],
    idealMs: 600,
    check(lines) {
      assert.deepEqual(lines.slice(0, 6), [GOING, WOKE, GOING, WOKE, GOING, WOKE]);
    },
  },
  {
    scenario: 'threads_no_join',
    secs: [0.3, 0.3],
    idealMs: 300,
    itTookSecs: 0,
    check(lines) {
      const took = lines.findIndex((l) => l.startsWith('it took'));
      // Starting two threads takes a few ms; on a loaded machine now and then 5 or more.
      assert.match(lines[took], /^it took: 0\.0\d? sec\.$/);
      assert.ok(took < lines.indexOf(WOKE), `"it took" must come before the threads wake: ${lines}`);
      assert.equal(lines.filter((l) => l === WOKE).length, 2);
    },
  },
  {
    scenario: 'threads_join_in_loop',
    secs: [0.1, 0.1, 0.1, 0.1],
    idealMs: 400,
    check(lines) {
      assert.deepEqual(lines.slice(0, 8), [GOING, WOKE, GOING, WOKE, GOING, WOKE, GOING, WOKE]);
    },
  },
  {
    scenario: 'threads',
    secs: Array(10).fill(0.3),
    idealMs: 300,
    check(lines) {
      // All ten fall asleep before any wakes.
      assert.deepEqual(lines.slice(0, 10), Array(10).fill(GOING));
      assert.deepEqual(lines.slice(10, 20), Array(10).fill(WOKE));
    },
  },
  {
    scenario: 'pool_submit',
    secs: [0.5, 0.4, 0.3, 0.2, 0.1],
    workers: 5,
    idealMs: 500,
    check(lines) {
      assert.deepEqual(results(lines), ['0.5', '0.4', '0.3', '0.2', '0.1'].map((s) => `проспала ${s} sec.`));
    },
  },
  {
    scenario: 'pool_as_completed',
    secs: [0.5, 0.4, 0.3, 0.2, 0.1],
    workers: 5,
    idealMs: 500,
    check(lines) {
      assert.deepEqual(results(lines), ['0.1', '0.2', '0.3', '0.4', '0.5'].map((s) => `проспала ${s} sec.`));
    },
  },
  {
    scenario: 'pool_map',
    secs: [0.5, 0.4, 0.3, 0.2, 0.1],
    workers: 5,
    idealMs: 500,
    check(lines) {
      assert.deepEqual(results(lines), ['0.5', '0.4', '0.3', '0.2', '0.1'].map((s) => `проспала ${s} sec.`));
    },
  },
];

/** "it took" is the last line (but for threads_no_join) and near the ideal. */
export function checkItTook(c, lines, itTook) {
  const expected = c.itTookSecs ?? c.idealMs / 1000;
  assert.ok(
    itTook >= expected - 0.01 && itTook <= expected + SLACK_MS / 1000,
    `it took ${itTook} s, ideal ${expected} s`,
  );
  if (c.scenario !== 'threads_no_join') assert.match(lines.at(-1), /^it took: /);
}

export function checkWall(c, wallMs) {
  assert.ok(wallMs >= c.idealMs - 5 && wallMs <= c.idealMs + SLACK_MS, `wall ${wallMs} ms, ideal ${c.idealMs} ms`);
}
