// The JS API (`/potoki.js`), as a course page or a test would use it.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { GOING, SCENARIO_CASES, WOKE, checkItTook, checkWall } from './expectations.mjs';
import { itTookSecs, openPage, runInPage, runSummary, servePlain, useBrowser, waitReady } from './fixture.mjs';

useBrowser();

// The page without the isolation headers: the single-threaded build.
const plain = await servePlain();

const TASK_KEYS = ['index', 'kind', 'arg', 'thread', 'submittedMs', 'startedMs', 'finishedMs', 'deliveredMs'];

describe('every listing runs through run() and returns its record', () => {
  for (const c of SCENARIO_CASES) {
    test(c.scenario, async (t) => {
      const page = await openPage(t, '/');
      const plan = { scenario: c.scenario, secs: c.secs, workers: c.workers, lang: 'ru' };
      const { record, events } = await runInPage(page, plan);
      const lines = record.output.map((line) => line.text);
      c.check(lines);
      checkItTook(c, lines, itTookSecs(lines));
      checkWall(c, record.wallMs);

      assert.equal(record.scenario, c.scenario);
      assert.equal(record.threaded, true);
      assert.equal(record.maxWorkers, c.workers ?? null);
      assert.equal(record.tasks.length, c.secs.length);
      for (const [i, task] of record.tasks.entries()) {
        for (const key of TASK_KEYS) assert.ok(key in task, `tasks[${i}] has no ${key}`);
        assert.equal(task.index, i);
        assert.equal(task.kind, 'sleep');
        assert.equal(task.arg, c.secs[i]);
        assert.ok('ok' in task, `tasks[${i}] did not succeed`);
        assert.ok(task.submittedMs <= task.startedMs && task.startedMs < task.finishedMs);
        // The sleep really lasted its time.
        assert.ok(task.finishedMs - task.startedMs >= c.secs[i] * 1000 - 1);
        if (task.deliveredMs !== null) assert.ok(task.deliveredMs >= task.finishedMs);
      }
      assert.ok(record.cpuMs >= 0 && record.cpuMs < record.wallMs);
      assert.ok(record.output.every((line, i) => i === 0 || line.tMs >= record.output[i - 1].tMs));
      // The last event closes the run; the record is the events folded together.
      assert.deepEqual(events.at(-1), { type: 'end', wallMs: record.wallMs, cpuMs: record.cpuMs, cancelled: false });
    });
  }
});

test('threads are real and distinct: ten threads on ten workers, none the main one', async (t) => {
  const page = await openPage(t, '/');
  const { record } = await runInPage(page, { scenario: 'threads', secs: Array(10).fill(0.2) });
  const threads = new Set(record.tasks.map((task) => task.thread));
  assert.equal(threads.size, 10);
  assert.ok(!threads.has(record.mainThread));
  const sequential = await runInPage(page, { scenario: 'sequential', secs: [0.05, 0.05] });
  assert.ok(sequential.record.tasks.every((task) => task.thread === sequential.record.mainThread));
});

test('the pool runs at most max_workers tasks at once, started in submission order', async (t) => {
  const page = await openPage(t, '/');
  const { record } = await runInPage(page, { scenario: 'pool_as_completed', secs: Array(6).fill(0.2), workers: 2 });
  checkWall({ idealMs: 600 }, record.wallMs);
  // Taken off the queue in submission order (two threads taking the next two at once
  // may stamp their starts a hair apart either way).
  for (let i = 1; i < record.tasks.length; i++) {
    assert.ok(record.tasks[i].startedMs >= record.tasks[i - 1].startedMs - 1, `task ${i} started before ${i - 1}`);
  }
  for (const task of record.tasks) {
    const at = task.startedMs + 1;
    const running = record.tasks.filter((o) => o.startedMs <= at && o.finishedMs > at).length;
    assert.ok(running <= 2, `${running} ran at once`);
  }
});

test('events arrive while the run goes, not batched at its end', async (t) => {
  const page = await openPage(t, '/');
  const { record, events, arrivals } = await runInPage(page, {
    scenario: 'pool_as_completed',
    secs: [0.6, 0.2],
    workers: 2,
  });
  const first = events.findIndex((e) => e.type === 'print');
  assert.equal(events[first].text, 'проспала 0.2 sec.');
  // The first result reaches JS near its own time, long before the run ends.
  assert.ok(arrivals[first] < 450, `first line arrived at ${arrivals[first]} ms`);
  assert.ok(arrivals[first] >= events[first].tMs - 5);
  assert.ok(record.wallMs >= 600);
  const types = new Set(events.map((e) => e.type));
  for (const type of ['begin', 'submitted', 'started', 'finished', 'delivered', 'print', 'end']) {
    assert.ok(types.has(type), `no ${type} event`);
  }
});

test('a bad plan rejects with an Error that names the place', async (t) => {
  const page = await openPage(t, '/');
  const errors = await page.evaluate(async () => {
    const { createPlayground } = await import('/potoki.js');
    const pg = await createPlayground();
    const plans = [
      { scenario: 'threads', secs: [1, 2, 'abc'] },
      { scenario: 'threads', secs: '1, -2' },
      { scenario: 'nope', secs: [1] },
      { scenario: 'pool_map', secs: [1], workers: 0 },
      { scenario: 'threads', secs: [] },
      { scenario: 'threads', secs: Array(20).fill(1) },
      // The listings written in Rust are retired: asking for them is said, not ignored.
      { scenario: 'threads', secs: [1], python: false },
    ];
    const out = [];
    for (const plan of plans) {
      try {
        await pg.run(plan);
        out.push('resolved');
      } catch (error) {
        out.push(`${error instanceof Error}|${error.message}`);
      }
    }
    return out;
  });
  assert.equal(errors[0], 'true|secs[2]: "abc" is not a number');
  assert.match(errors[1], /^true\|secs\[1\]: -2 is negative/);
  assert.match(errors[2], /^true\|scenario: "nope" is not one of sequential, /);
  assert.match(errors[3], /^true\|workers: max_workers must be greater than 0/);
  assert.match(errors[4], /^true\|secs: the list is empty/);
  assert.match(errors[5], /^true\|secs: 20 threads and the main thread need 21 threads at once; .*threads=21/);
  assert.equal(errors[6], 'true|python: false is gone: every listing runs as its Python');
});

test('createPlayground starts the pool once and returns the same playground', async (t) => {
  const page = await openPage(t, '/');
  await waitReady(page);
  const same = await page.evaluate(async () => {
    const { createPlayground } = await import('/potoki.js');
    const a = await createPlayground({ threads: 16 });
    const b = await createPlayground({ threads: 4 });
    return a === b && b.threads === 16 && b.threaded === true;
  });
  assert.equal(same, true);
});

test('a pool of the size asked for: threads=4 refuses a plan needing five', async (t) => {
  const page = await openPage(t, '/?threads=4');
  await waitReady(page);
  const message = await page.evaluate(async () => {
    const { createPlayground } = await import('/potoki.js');
    const pg = await createPlayground();
    try {
      pg.check({ scenario: 'threads', secs: [1, 1, 1, 1] });
      return 'accepted';
    } catch (error) {
      return error.message;
    }
  });
  assert.match(message, /need 5 threads at once; this page started 4 \(open it with threads=5/);
});

test('a second run while one goes is refused, and the first still ends', async (t) => {
  const page = await openPage(t, '/');
  await waitReady(page);
  const result = await page.evaluate(async () => {
    const { createPlayground } = await import('/potoki.js');
    const pg = await createPlayground();
    const first = pg.run({ scenario: 'threads', secs: [0.3] });
    let second;
    try {
      await pg.run({ scenario: 'threads', secs: [0.1] });
      second = 'accepted';
    } catch (error) {
      second = error.message;
    }
    const record = await first;
    return { second, firstOk: record.tasks.length === 1 };
  });
  assert.match(result.second, /already going/);
  assert.equal(result.firstOk, true);
});

test('an AbortSignal stops the run', async (t) => {
  const page = await openPage(t, '/');
  const record = await page.evaluate(async () => {
    const { createPlayground } = await import('/potoki.js');
    const pg = await createPlayground();
    const controller = new AbortController();
    let started = 0;
    // Stopped once both threads sleep.
    const onEvent = (e) => e.type === 'started' && ++started === 2 && controller.abort();
    return pg.run({ scenario: 'threads', secs: [30, 30] }, { signal: controller.signal, onEvent });
  });
  assert.equal(record.cancelled, true);
  assert.equal(record.tasks.filter((task) => task.startedMs !== null).length, 2);
  assert.ok(record.wallMs < 2_000, `${record.wallMs} ms`);
});

test('the page offers the same lesson numbers the API uses when a plan gives none', async (t) => {
  const page = await openPage(t, '/');
  const mismatches = await page.evaluate(async () => {
    const { createPlayground } = await import('/potoki.js');
    const { SCENARIOS } = await import('/scenarios.js');
    const pg = await createPlayground();
    return SCENARIOS.filter(({ id, secs }) => {
      const checked = pg.check({ scenario: id }).args.map((arg) => arg.secs);
      return JSON.stringify(checked) !== JSON.stringify(secs);
    }).map(({ id }) => id);
  });
  assert.deepEqual(mismatches, []);
});

test('a pool start lost to wasm-bindgen-rayon’s race on the page’s thread is retried with a fresh module, and the page runs', async (t) => {
  const page = await openPage(t, '/?lang=en');
  await waitReady(page);
  // The first start's module answers as the race makes it answer (see startRace in
  // playground.js); the retry's module (`?attempt=2`) is the real one.
  const failing = `import init from '/pkg/potoki.js?real';
export * from '/pkg/potoki.js?real';
export default init;
export function startPool() {
  return Promise.reject(new Error('RuntimeError: Atomics.wait cannot be called in this context'));
}`;
  let served = 0;
  await page.route(
    (url) => url.pathname === '/pkg/potoki.js' && url.search === '',
    (route) => {
      served += 1;
      return route.fulfill({ contentType: 'text/javascript', body: failing });
    },
  );
  await page.reload();
  await waitReady(page);
  assert.equal(served, 1, 'the first attempt got the failing module');
  assert.notEqual(await page.$eval('#app', (app) => app.dataset.state), 'failed', await page.textContent('#status'));
  const loaded = await page.evaluate(() => performance.getEntriesByType('resource').map((entry) => new URL(entry.name)));
  assert.ok(loaded.some((url) => url.pathname === '/pkg/potoki.js' && url.search === '?attempt=2'), 'the retry loaded a module of its own');
  const { record } = await runInPage(page, { scenario: 'threads', secs: [0.1, 0.1] });
  assert.equal(record.tasks.length, 2);
  assert.ok(record.tasks.every((task) => task.finishedMs !== null && task.thread > 0));
});

const LISTINGS = ['sequential', 'threads_no_join', 'threads_join_in_loop', 'threads', 'pool_submit', 'pool_as_completed', 'pool_map', 'async', 'async_as_completed'];

/**
 * What a listing run over `items` must record, by the lesson: each item a task of
 * its call; on the main thread where the listing calls it there (sequential) or
 * awaits it there (asyncio); delivered where the main thread takes the result or
 * the end of the call (all but threads that nobody joins).
 */
function lessonRecord(scenario, items, fn) {
  const returning = scenario.startsWith('pool') || scenario.startsWith('async');
  const onMain = scenario === 'sequential' || scenario.startsWith('async');
  return {
    calls: items.map((item) => `${returning ? `_${fn}` : fn}(${item})`).sort(),
    onMain: onMain ? items.length : 0,
    delivered: scenario === 'threads_no_join' ? 0 : items.length,
  };
}

/** What a run recorded, in lessonRecord's terms. */
const recorded = ({ record }) => ({
  calls: record.tasks.map((task) => task.call).sort(),
  onMain: record.tasks.filter((task) => task.threadName === 'MainThread').length,
  delivered: record.tasks.filter((task) => task.deliveredMs !== null).length,
});

/** Runs each sleeping listing in `page`: the interpreter runs its Python, which
 *  prints the lesson's lines, records the lesson's tasks and takes the lesson's time. */
async function sleepingListingsRunAsTheirPython(page, threaded) {
  const secs = [0.3, 0.1, 0.2];
  for (const scenario of LISTINGS) {
    const run = await runInPage(page, { scenario, secs, workers: 3, lang: 'ru' });
    const { record } = run;
    // The interpreter says where each thread is (`line` events).
    assert.equal(run.events.some((e) => e.type === 'line'), true, scenario);
    assert.deepEqual(recorded(run), lessonRecord(scenario, secs, 'sleep'), scenario);
    const printing = !scenario.startsWith('pool') && !scenario.startsWith('async');
    const lines = printing ? [...Array(3).fill(GOING), ...Array(3).fill(WOKE)] : secs.map((s) => `проспала ${s} sec.`);
    assert.deepEqual(runSummary(run).lines, [...lines, 'it took'].sort(), scenario);
    assert.equal(record.scenario, scenario);
    assert.equal(record.threaded, threaded, scenario);
    assert.equal(record.error, null, scenario);
    // One sleep after another where the listing waits for each, else the longest.
    const idealMs = scenario === 'sequential' || scenario === 'threads_join_in_loop' ? 600 : 300;
    checkWall({ idealMs }, record.wallMs);
  }
}

test('a sleeping listing runs as its Python on the interpreter: the lesson’s lines, tasks and time', async (t) => {
  const page = await openPage(t, '/?lang=en');
  await waitReady(page);
  await sleepingListingsRunAsTheirPython(page, true);
});

test('in the single-threaded build too, a sleeping listing runs as its Python, its threads coroutines', async (t) => {
  // Served without the isolation headers, the page loads pkg-single/.
  const page = await openPage(t, `${plain.url}?lang=en`);
  await waitReady(page);
  await sleepingListingsRunAsTheirPython(page, false);
});

test('a counting listing runs as its Python and counts right, each count a compute task that used the CPU', async (t) => {
  const page = await openPage(t, '/?lang=en');
  await waitReady(page);
  const ns = [3000, 1000, 2000];
  const primes = { 3000: 430, 1000: 168, 2000: 303 };
  for (const scenario of LISTINGS.filter((s) => !s.startsWith('async'))) {
    // Small counts: the interpreter counts some 30 times slower than Rust would.
    const run = await runInPage(page, { scenario, compute: ns, workers: 3, lang: 'en' });
    // The interpreter says where a thread waits (sequential's one thread never does).
    if (scenario !== 'sequential') assert.equal(run.events.some((e) => e.type === 'line'), true, `${scenario}: the interpreter ran it`);
    assert.deepEqual(recorded(run), lessonRecord(scenario, ns, 'count_primes'), scenario);
    const lines = ns.map((n) => `primes up to ${n}: ${primes[n]}`);
    assert.deepEqual(runSummary(run).lines, [...lines, 'it took'].sort(), scenario);
    assert.ok(run.record.tasks.every((task) => task.kind === 'compute' && task.cpuMs > 0), scenario);
  }
});
