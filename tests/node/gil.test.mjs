// The GIL waits as the timeline draws them: merged when closer than the picture can
// tell apart, cut at the moment shown, and summed per thread for a bar's label.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { gilStretches, gilWaitedMs } from '../../www/view/gil.js';

const record = {
  gilWaits: [
    { thread: 2, fromMs: 10, toMs: 15 },
    { thread: 1, fromMs: 0, toMs: 5 },
    { thread: 1, fromMs: 5.2, toMs: 9 },
    { thread: 1, fromMs: 20, toMs: 30 },
  ],
};

test('waits closer than the gap are one stretch, each thread its own, sorted', () => {
  const stretches = gilStretches(record, Infinity, 0.5);
  assert.deepEqual(stretches.get(1), [[0, 9], [20, 30]]);
  assert.deepEqual(stretches.get(2), [[10, 15]]);
  // With no gap every wait stays its own.
  assert.equal(gilStretches(record, Infinity).get(1).length, 3);
});

test('a replay at `now` shows the waits begun by then, cut there', () => {
  const stretches = gilStretches(record, 12, 0.5);
  assert.deepEqual(stretches.get(1), [[0, 9]]);
  assert.deepEqual(stretches.get(2), [[10, 12]]);
});

test('a task’s GIL time is its thread’s waits inside the task', () => {
  const stretches = gilStretches(record, Infinity);
  assert.equal(gilWaitedMs(stretches, 1, 0, 100), 5 + 3.8 + 10);
  assert.equal(gilWaitedMs(stretches, 1, 25, 100), 5);
  assert.equal(gilWaitedMs(stretches, 3, 0, 100), 0);
  // A record from before gilWaits existed has none.
  assert.equal(gilStretches({}, Infinity).size, 0);
});
