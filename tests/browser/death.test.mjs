// A page that cannot die silently. Against the test build (pkg-test/: the
// `test-hooks` feature, never shipped): a thread can be made to panic, and any
// blocking lock or park on the UI thread panics.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openPage, useBrowser, waitReady, waitRunEnd } from './fixture.mjs';

useBrowser({ testHooks: true });

/** What the browser logs when a wasm thread panics and traps: expected here. */
const PANIC_LOGS = [/a test panic/, /^unreachable$|RuntimeError|unreachable/];

test('a thread that panics ends the run within 1 s, the page says which died, and the next run works', async (t) => {
  const page = await openPage(t, '/?scenario=threads&secs=30,30,30&lang=en', { expectedErrors: PANIC_LOGS });
  await waitReady(page);
  const before = await page.evaluate(async () => (await (await import('/potoki.js')).createPlayground()).threadsLeft);
  await page.evaluate(async () => (await import('/pkg/potoki.js')).panicInNextThreadForTests());
  const clicked = Date.now();
  await page.click('#run');
  // The first thread dies before its first line; the main thread waits to join it.
  await page.waitForFunction(() => document.getElementById('app').dataset.state === 'failed', null, { timeout: 5_000 });
  const took = Date.now() - clicked;
  assert.ok(took < 1_000, `the run failed ${took} ms after Run`);
  assert.match(await page.textContent('#status'), /thread \d+ of the pool died \(a test panic in a lesson thread\)/);
  // The pool goes on with one worker fewer; Run is usable and runs.
  assert.equal(await page.$eval('#run', (b) => b.disabled), false, 'Run is usable again');
  const after = await page.evaluate(async () => (await (await import('/potoki.js')).createPlayground()).threadsLeft);
  assert.equal(after, before - 1);
  await page.fill('#secs', '0.1,0.1,0.1');
  await page.click('#run');
  const record = await waitRunEnd(page);
  assert.equal(record.tasks.length, 3);
  assert.ok(record.tasks.every((task) => 'ok' in task));
});

test('a thread that traps without a panic fails the run at once and says to reload, not at its deadline', async (t) => {
  const page = await openPage(t, '/?scenario=threads&secs=30,30,30&lang=en', { expectedErrors: PANIC_LOGS });
  await waitReady(page);
  await page.evaluate(async () => (await import('/pkg/potoki.js')).trapInNextThreadForTests());
  const clicked = Date.now();
  await page.click('#run');
  // The first thread traps before its first line (no panic hook runs); the main
  // thread waits to join it, until the deadline but for the worker's report.
  await page.waitForFunction(() => document.getElementById('app').dataset.state === 'failed', null, { timeout: 10_000 });
  const took = Date.now() - clicked;
  assert.ok(took < 2_000, `the run failed ${took} ms after Run`);
  assert.match(await page.textContent('#status'), /a thread of the pool has died \(.*unreachable.*\)\. Reload the page/i);
  // The pool is given up: a next run is refused with the same words.
  const next = await page.evaluate(async () => {
    const pg = await (await import('/potoki.js')).createPlayground();
    return pg.run({ scenario: 'threads', secs: [0.1] }).then(() => 'ran', (error) => error.message);
  });
  assert.match(next, /Reload the page/);
});

test('the other threads of a dead run are released: their workers run the next runs', async (t) => {
  const page = await openPage(t, '/?lang=en&threads=6', { expectedErrors: PANIC_LOGS });
  await waitReady(page);
  const result = await page.evaluate(async () => {
    const { createPlayground } = await import('/potoki.js');
    const pg = await createPlayground({ threads: 6 });
    (await import('/pkg/potoki.js')).panicInNextThreadForTests();
    // Main + 4 sleeping threads; the first of them dies at once.
    const failed = await pg.run({ scenario: 'threads', secs: [30, 30, 30, 30] }).then(() => null, (e) => e);
    // Five workers are left, and all five are free again: main + 4 threads.
    const next = await pg.run({ scenario: 'threads', secs: [0.05, 0.05, 0.05, 0.05] });
    return { message: failed?.message, partial: failed?.record?.tasks?.length, left: pg.threadsLeft, next: next.tasks.map((task) => 'ok' in task) };
  });
  assert.match(result.message, /died \(a test panic in a lesson thread\)/);
  assert.ok(result.partial >= 1, 'what was recorded before the death comes with the error');
  assert.equal(result.left, 5);
  assert.deepEqual(result.next, [true, true, true, true]);
});

test('a panic on the page’s own thread fails the run at once and says to reload', async (t) => {
  const page = await openPage(t, '/?lang=en', { expectedErrors: [/a test panic on the page/, /unreachable|RuntimeError/] });
  await waitReady(page);
  const result = await page.evaluate(async () => {
    const { createPlayground } = await import('/potoki.js');
    const pg = await createPlayground();
    // The panic comes once the run goes (its first event is in).
    let started;
    const going = new Promise((resolve) => (started = resolve));
    const running = pg.run({ scenario: 'threads', secs: [20] }, { onEvent: () => started() }).then(() => 'ended', (e) => e.message);
    await going;
    try {
      (await import('/pkg/potoki.js')).panicOnUiThreadForTests();
    } catch {
      // The trap is thrown into this call; the page learns of it through its event.
    }
    const t0 = performance.now();
    const message = await running;
    return { message, ms: performance.now() - t0, broken: pg.broken };
  });
  assert.match(result.message, /page's own thread failed.*Reload the page/);
  assert.ok(result.ms < 1_000);
  assert.equal(result.broken, true);
});

test('nothing on the UI thread blocks: asyncio, downloads and Stop run under the lock check', async (t) => {
  const page = await openPage(t, '/?lang=en');
  await waitReady(page);
  const images = ['images/paw-1394447.jpg?delay=50', 'images/beach-1364350.jpg?delay=80', 'images/doggy-1382866.jpg'];
  const stopWhen = (count) => page.evaluate(async ({ count, images }) => {
    const { createPlayground } = await import('/potoki.js');
    const pg = await createPlayground();
    const plans = [
      { scenario: 'async', secs: [0.05, 0.02] },
      { scenario: 'async_as_completed', images },
      { scenario: 'pool_map', images, workers: 2 },
      { scenario: 'pool_submit', secs: [10, 10, 10], workers: 2 },
      { scenario: 'async', secs: [10, 10] },
    ];
    const records = [];
    for (const plan of plans) {
      const controller = new AbortController();
      let started = 0;
      records.push(await pg.run(plan, {
        signal: controller.signal,
        // The long ones are stopped once `count` tasks have started.
        onEvent: (e) => {
          if (e.type === 'started' && ++started === count && plan.secs?.[0] === 10) controller.abort();
        },
      }));
    }
    return records.map((r) => ({ cancelled: r.cancelled, tasks: r.tasks.length, ok: r.tasks.filter((task) => 'ok' in task).length }));
  }, { count, images });
  const records = await stopWhen(2);
  assert.deepEqual(records.slice(0, 3).map((r) => r.ok), [2, 3, 3]);
  assert.deepEqual(records.slice(3).map((r) => r.cancelled), [true, true]);
});

test('the lock check is armed: a blocking lock on the UI thread panics in the test build', async (t) => {
  // Proof that the test above could fail: the same check catches a real blocking lock.
  const page = await openPage(t, '/?lang=en', { expectedErrors: [/blocking Mutex::lock on the UI thread/, /unreachable|RuntimeError/] });
  await waitReady(page);
  const message = await page.evaluate(async () => {
    const { createPlayground } = await import('/potoki.js');
    const pg = await createPlayground();
    const panicked = new Promise((resolve) => addEventListener('potoki:panic', (e) => resolve(e.detail), { once: true }));
    try {
      (await import('/pkg/potoki.js')).lockOnUiThreadForTests();
    } catch {
      // the trap
    }
    return { detail: await panicked, broken: pg.broken };
  });
  assert.match(message.detail, /blocking Mutex::lock on the UI thread/);
  assert.equal(message.broken, true);
});
