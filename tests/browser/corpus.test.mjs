// A sample of the CPython corpus (tests/python/) run in the page through
// `pg.run({ code })`, in both builds: what it printed must be what CPython 3.11
// printed, stdout and stderr, as natively (tests/python_corpus.rs). In the
// single-threaded build each thread is a coroutine on the page's one thread.

import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { openPage, servePlain, useBrowser } from './fixture.mjs';

useBrowser();

const CORPUS = new URL('../python/', import.meta.url);

/** Threads, pools, queues, asyncio, tracebacks, and the language around them. */
const SAMPLE = [
  '005_float_repr',
  '013_fstring_specs',
  '033_generators',
  '046_class_vector',
  '058_thread_results_via_queue',
  '060_uncaught_deep_call_chain',
  '076_lock_counter',
  '082_condition',
  '086_thread_exception',
  '093_pool_map_multiple_iterables',
  '103_queue_producer_consumer',
  '112_asyncio_to_thread',
  '129_lesson_pool_map',
  '137_asyncio_timeout_executor',
  '179_identifiers_nfkc',
];

function expected(name, ext) {
  const file = new URL(`${name}.${ext}`, CORPUS);
  return existsSync(file) ? readFileSync(file, 'utf8') : '';
}

const programs = SAMPLE.map((name) => ({ name, code: readFileSync(new URL(`${name}.py`, CORPUS), 'utf8') }));

/** Runs each program in turn on one playground; what each printed, by stream. */
function runAll(page) {
  return page.evaluate(async (programs) => {
    const { createPlayground } = await import('/potoki.js');
    const pg = await createPlayground();
    const results = [];
    for (const { name, code } of programs) {
      const record = await pg.run({ code });
      const text = (stream) =>
        record.output
          .filter((line) => line.stream === stream)
          .map((line) => `${line.text}\n`)
          .join('');
      results.push({ name, threaded: record.threaded, stdout: text('stdout'), stderr: text('stderr') });
    }
    return results;
  }, programs);
}

function assertAsCPython(results, threaded) {
  assert.equal(results.length, SAMPLE.length);
  for (const { name, threaded: wasThreaded, stdout, stderr } of results) {
    assert.equal(wasThreaded, threaded, `${name}: the build`);
    assert.equal(stdout, expected(name, 'out'), `${name}: stdout`);
    assert.equal(stderr, expected(name, 'err'), `${name}: stderr`);
  }
}

test('a sample of the corpus prints what CPython printed, on Web Worker threads', async (t) => {
  const page = await openPage(t, '/');
  assertAsCPython(await runAll(page), true);
});

// The page without the isolation headers: the single-threaded build.
const plain = await servePlain();

test('the same sample prints the same in the single-threaded build, its threads coroutines on the page’s thread', async (t) => {
  // Without the isolation headers the page loads pkg-single/: no shared memory.
  const page = await openPage(t, plain.url);
  assert.equal(await page.evaluate(() => crossOriginIsolated), false);
  assertAsCPython(await runAll(page), false);
});
