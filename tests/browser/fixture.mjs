// Shared by the browser tests: one dev server and one headless Chromium per test
// file, a fresh browser context per test (so each test gets its own page and its
// own Web Worker pool), and a test fails on any `pageerror` or `console.error`.
// The page's console is held back and printed only when a test fails.

import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';
import { FOLDERS, serve } from '../../tools/serve.mjs';
import { CHROMIUM_ARGS, chromiumPath } from './chromium.mjs';

const shared = {};

/**
 * Call once at the top of a test file. `testHooks`: the page gets the threaded
 * module built with the `test-hooks` feature (pkg-test/, `npm run build -- --test-hooks`)
 * in place of pkg/: a thread can be made to panic, and any blocking lock or park on
 * the UI thread panics.
 */
export function useBrowser({ testHooks = false } = {}) {
  before(async () => {
    const pkgTest = join(fileURLToPath(new URL('../..', import.meta.url)), 'pkg-test');
    shared.server = await serve({ port: 0, folders: testHooks ? { ...FOLDERS, '/pkg/': pkgTest } : FOLDERS });
    shared.browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  });
  after(async () => {
    await shared.browser?.close();
    await new Promise((done) => shared.server?.server.close(done) ?? done());
  });
}

/**
 * The page served without the isolation headers, as Firefox and Safari make of a
 * frame: it loads the single-threaded build (pkg-single/). Closed after the file's
 * tests. Call it at a file's top level: `const plain = await servePlain();`.
 */
export async function servePlain() {
  const plain = await serve({ port: 0, isolation: false });
  after(() => new Promise((done) => plain.server.close(done)));
  return plain;
}

export function baseUrl() {
  return shared.server.url;
}

/**
 * Opens `path` (e.g. `/?scenario=threads`) in a new context. The test fails if the
 * page logs a console error or throws — but for the console errors the browser
 * itself logs (or throws) for failures a test provokes on purpose, each matched by
 * one of `expectedErrors` (a failed request logs "Failed to load resource").
 */
export async function openPage(t, path = '/', { locale = 'ru-RU', expectedErrors = [] } = {}) {
  const context = await shared.browser.newContext({ locale });
  const page = await context.newPage();
  const log = [];
  const errors = [];
  page.on('console', (message) => {
    log.push(`${message.type()}: ${message.text()}`);
    const expected = expectedErrors.some((pattern) => pattern.test(message.text()));
    if (message.type() === 'error' && !expected) errors.push(message.text());
  });
  page.on('pageerror', (error) => {
    log.push(`pageerror: ${error.message}`);
    if (!expectedErrors.some((pattern) => pattern.test(error.message))) errors.push(`pageerror: ${error.message}`);
  });
  t.after(async () => {
    await context.close();
    if (errors.length) {
      throw new Error(`the page reported errors:\n  ${errors.join('\n  ')}\nits console:\n  ${log.join('\n  ')}`);
    }
  });
  await page.goto(new URL(path, shared.server.url).href);
  return page;
}

/** Waits until the page's pool is ready (the Run button is usable). */
export async function waitReady(page) {
  // The page may still be parsing (the service-worker test reloads it): no #app yet
  // is "not ready", not an error.
  await page.waitForFunction(() => (document.getElementById('app')?.dataset.state ?? 'starting') !== 'starting', null, {
    timeout: 30_000,
  });
}

/**
 * Waits for the run in the page to end; returns its record. A run that failed (the
 * pool broke, the run was refused) fails the test with the page's status line, so
 * the log says why, not only that the output was empty.
 */
export async function waitRunEnd(page, timeout = 30_000) {
  await page.waitForFunction(
    () => ['done', 'failed'].includes(document.getElementById('app').dataset.state),
    null,
    { timeout },
  );
  const { state, status, record } = await page.evaluate(() => ({
    state: document.getElementById('app').dataset.state,
    status: document.getElementById('status')?.textContent ?? '',
    record: window.potokiLastRecord,
  }));
  if (state === 'failed') throw new Error(`the run failed: ${status}`);
  return record;
}

/** The printed lines shown in the output log, in order. */
export function outputLines(page) {
  return page.$$eval('#output li:not(.empty) .text', (items) => items.map((i) => i.textContent));
}

/**
 * Runs a plan through the JS API inside the page. Resolves to
 * `{ record, events, arrivals }`: the record, the events in arrival order, and
 * each event's arrival time on the page's clock, in ms since `run()` was called.
 */
export function runInPage(page, plan, options = {}) {
  return page.evaluate(
    async ({ plan, options }) => {
      const { createPlayground } = await import('/potoki.js');
      const pg = await createPlayground(options.threads ? { threads: options.threads } : {});
      const events = [];
      const arrivals = [];
      const t0 = performance.now();
      const record = await pg.run(plan, {
        onEvent: (event) => {
          events.push(event);
          arrivals.push(performance.now() - t0);
        },
      });
      return { record, events, arrivals };
    },
    { plan, options },
  );
}

/** Seconds in `it took: 5.01 sec.` */
export function itTookSecs(lines) {
  const line = [...lines].reverse().find((l) => l.startsWith('it took'));
  return line ? Number(line.match(/it took: ([\d.]+) sec\./)[1]) : NaN;
}

/**
 * What comparing a listing run as its Python with its Rust version needs: the lines
 * (as a set: threads print in an order of their own; "it took" without its digits),
 * the tasks by call, kind, argument, thread and delivery (plus `extra(task)`), and
 * how the run ended. `call` maps a task's call text (the listings write a URL
 * shortened, the interpreter its repr).
 */
export function runSummary({ record }, { call = (task) => task.call, extra = () => [] } = {}) {
  return {
    lines: record.output.map((line) => line.text.replace(/^it took: .*/, 'it took')).sort(),
    tasks: record.tasks
      .map((task) =>
        JSON.stringify([call(task), task.kind, task.arg, task.threadName === 'MainThread', task.deliveredMs !== null, task.error ?? null, ...extra(task)]),
      )
      .sort(),
    cancelled: record.cancelled,
    error: record.error,
  };
}
