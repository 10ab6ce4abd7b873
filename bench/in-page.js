// The bench's measures that run inside the page, as a module the page imports
// (bench/run.mjs serves bench/ at /bench/, same origin, so `script-src 'self'`
// allows it). They live here, not as source text sent from Node, because the page's
// Content-Security-Policy has no 'unsafe-eval' — rightly — so nothing may be built
// from strings in it: the bench measures the page exactly as it is served.
//
// Each export is `async (pg, args) => data`, `pg` being the page's playground; the
// data (times in ms) goes back to Node through Playwright. A measure that sees
// nothing to measure throws, so a change in the page fails the bench instead of
// quietly printing nonsense.

import { JsPool } from './js-pool.js';

/** The delivery-latency workload, the same for potoki and the JS pool: 120 sleeps
 *  of 0–0.4 s, spread so that tasks finish all through the run. */
const LATENCY_SECS = Array.from({ length: 120 }, (_, i) => ((i * 37) % 100) / 250);

function expect(ok, what) {
  if (!ok) throw new Error(`bench/in-page.js: ${what}`);
}

/** `n` zero sleeps, as_completed on 8 workers: time from run() to the last result
 *  line printed. Two warm-up runs first. */
export async function dispatch(pg, { n, runs }) {
  const times = [];
  for (let r = 0; r < runs + 2; r++) {
    let last = 0;
    let lines = 0;
    const t0 = performance.now();
    // lang: 'ru' so the result lines are the lesson's `проспала … sec.`, whatever
    // the browser's language.
    await pg.run({ scenario: 'pool_as_completed', secs: Array(n).fill(0), workers: 8, lang: 'ru' }, {
      onEvent: (e) => {
        if (e.type === 'print' && e.text.startsWith('проспала')) {
          last = performance.now();
          lines++;
        }
      },
    });
    expect(lines === n, `dispatch: ${lines} result lines printed for ${n} tasks`);
    if (r >= 2) times.push(last - t0);
  }
  return times;
}

/** For each task: when its worker finished it → when onEvent saw it (shared clock). */
export async function latency(pg, { reps }) {
  const gaps = [];
  for (let r = 0; r < reps; r++) {
    let epoch = 0;
    const before = gaps.length;
    await pg.run({ scenario: 'pool_as_completed', secs: LATENCY_SECS, workers: 8 }, {
      onEvent: (e) => {
        const now = performance.timeOrigin + performance.now();
        if (e.type === 'begin') epoch = e.epochMs;
        if (e.type === 'finished') gaps.push(now - (epoch + e.tMs));
      },
    });
    expect(epoch > 0, 'latency: no begin event with epochMs');
    expect(gaps.length - before === LATENCY_SECS.length, `latency: ${gaps.length - before} finished events for ${LATENCY_SECS.length} tasks`);
  }
  return gaps;
}

/** Each listing's wall time minus its ideal, `reps` times. */
export async function fidelity(pg, { cases, reps }) {
  const out = {};
  for (const c of cases) {
    out[c.scenario] = [];
    for (let r = 0; r < reps; r++) {
      const record = await pg.run({ scenario: c.scenario, secs: c.secs, workers: 5 });
      expect(typeof record.wallMs === 'number', `fidelity: ${c.scenario} gave no wallMs`);
      out[c.scenario].push(record.wallMs - c.idealMs);
    }
  }
  return out;
}

/** The lesson's downloads through potoki, then the same URLs by Promise.all(fetch). */
export async function downloads(pg, { images, reps }) {
  const potoki = [];
  const raw = [];
  for (let r = 0; r < reps; r++) {
    const record = await pg.run({ scenario: 'pool_map', images, workers: 12 });
    const failed = record.tasks.filter((t) => t.error !== undefined || t.finishedMs === null);
    expect(failed.length === 0, `downloads: ${failed.length} of ${images.length} failed (${JSON.stringify(failed[0]?.error ?? null)})`);
    potoki.push(record.wallMs);
    const t0 = performance.now();
    await Promise.all(images.map((url) => fetch(url, { cache: 'no-store' }).then((res) => {
      expect(res.ok, `downloads: ${url} answered ${res.status}`);
      return res.arrayBuffer();
    })));
    raw.push(performance.now() - t0);
  }
  return { potoki, raw };
}

/** The plain-JS peer (bench/js-pool.js): dispatch and delivery latency, as above. */
export async function jsPool(_pg, { d1000Runs, d10000Runs, latencyReps }) {
  const pool = await JsPool.start(8);
  const dispatchJs = async (n, runs) => {
    const times = [];
    for (let r = 0; r < runs + 2; r++) {
      const t0 = performance.now();
      const results = await pool.run(Array(n).fill(0), 8);
      expect(results.length === n, `jsPool: ${results.length} results for ${n} tasks`);
      if (r >= 2) times.push(results.at(-1).receivedAt - performance.timeOrigin - t0);
    }
    return times;
  };
  const d1000 = await dispatchJs(1000, d1000Runs);
  const d10000 = await dispatchJs(10000, d10000Runs);
  const gaps = [];
  for (let r = 0; r < latencyReps; r++) {
    for (const result of await pool.run(LATENCY_SECS, 8)) gaps.push(result.receivedAt - result.finishedAt);
  }
  return { d1000, d10000, gaps };
}

/** A Python program of bench/python/ run `reps` times by the interpreter; each run
 *  prints one number as its last line, and those are returned. */
export async function python(pg, { code, gil, reps }) {
  const values = [];
  for (let r = 0; r < reps; r++) {
    const record = await pg.run({ code, gil });
    expect(record.error === null, `python: the program failed: ${record.error?.traceback}`);
    const value = Number(record.output.at(-1)?.text);
    expect(Number.isFinite(value), `python: printed ${JSON.stringify(record.output.at(-1)?.text)}, not a number`);
    values.push(value);
  }
  return values;
}
