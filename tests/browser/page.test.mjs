// The page, driven as a student would: through the URL and the form.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SCENARIO_CASES, checkItTook, checkWall } from './expectations.mjs';
import { itTookSecs, openPage, outputLines, useBrowser, waitReady, waitRunEnd } from './fixture.mjs';

useBrowser();

test('the page is cross-origin isolated and starts its Web Worker threads', async (t) => {
  const page = await openPage(t, '/');
  assert.equal(await page.evaluate(() => crossOriginIsolated), true);
  // The Run button waits for the pool and says so meanwhile.
  const early = await page.$eval('#run', (b) => b.disabled);
  const earlyStatus = await page.textContent('#status');
  await waitReady(page);
  assert.equal(await page.$eval('#app', (a) => a.dataset.state), 'ready');
  assert.equal(await page.$eval('#run', (b) => b.disabled), false);
  assert.match(await page.textContent('#status'), /16 потоков/);
  if (early) assert.match(earlyStatus, /Запускаю потоки/);
  assert.equal(await page.getByRole('button', { name: 'Запустить' }).count(), 1);
  assert.equal(await page.getByRole('log').count(), 1);
});

describe('every listing runs from its URL as the lesson says', () => {
  for (const c of SCENARIO_CASES) {
    test(c.scenario, async (t) => {
      const workers = c.workers ? `&workers=${c.workers}` : '';
      const page = await openPage(t, `/?scenario=${c.scenario}&secs=${c.secs.join(',')}${workers}&lang=ru&autorun=1`);
      const record = await waitRunEnd(page);
      const lines = await outputLines(page);
      c.check(lines);
      checkItTook(c, lines, itTookSecs(lines));
      checkWall(c, record.wallMs);
      // The table has a row per task, each with the thread that ran it.
      const rows = await page.$$eval('#tasks tbody tr', (rows) => rows.map((r) => r.dataset.thread));
      assert.equal(rows.length, c.secs.length);
      assert.ok(rows.every((thread) => Number(thread) > 0));
    });
  }
});

test('the lesson example: as_completed prints 1 to 5 on five threads in about 5 s', async (t) => {
  const page = await openPage(t, '/?scenario=pool_as_completed&secs=5,4,3,2,1&workers=5&autorun=1&lang=ru');
  await waitRunEnd(page, 20_000);
  const lines = await outputLines(page);
  assert.deepEqual(lines.slice(0, 5), [1, 2, 3, 4, 5].map((s) => `проспала ${s} sec.`));
  assert.match(lines[5], /^it took: 5\.0\d? sec\.$/);
  const threads = await page.$$eval('#tasks tbody tr', (rows) => rows.map((r) => r.dataset.thread));
  assert.equal(new Set(threads).size, 5, `threads: ${threads}`);
});

test('bad input is refused with a message that names the place, and nothing runs', async (t) => {
  const page = await openPage(t, '/?scenario=threads&lang=ru');
  await waitReady(page);
  await page.fill('#secs', '1, 2, abc');
  const error = page.locator('#plan-error');
  assert.equal(await error.textContent(), 'secs[2]: "abc" is not a number');
  assert.equal(await error.isVisible(), true);
  assert.equal(await page.$eval('#secs', (i) => i.getAttribute('aria-invalid')), 'true');
  assert.equal(await page.$eval('#run', (b) => b.disabled), true);
  await page.press('#secs', 'Enter'); // submitting the form must not run either
  assert.equal(await page.$eval('#app', (a) => a.dataset.state), 'ready');
  assert.deepEqual(await outputLines(page), []);

  await page.selectOption('#scenario', 'pool_map');
  await page.fill('#secs', '1');
  await page.fill('#workers', '0');
  assert.match(await error.textContent(), /^workers: max_workers must be greater than 0/);
  await page.fill('#workers', '3');
  assert.equal(await error.isVisible(), false);
  assert.equal(await page.$eval('#run', (b) => b.disabled), false);
});

test('a URL with parameters reproduces the state, and edits are written back', async (t) => {
  const page = await openPage(t, '/?scenario=pool_map&secs=3,1,2&workers=2&lang=en');
  await waitReady(page);
  assert.equal(await page.inputValue('#scenario'), 'pool_map');
  assert.equal(await page.inputValue('#secs'), '3,1,2');
  assert.equal(await page.inputValue('#workers'), '2');
  assert.equal(await page.inputValue('#lang'), 'en');
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.equal(await page.getByRole('button', { name: 'Run' }).count(), 1);

  await page.fill('#secs', '[0.2, 0.1]');
  await page.fill('#workers', '4');
  await page.selectOption('#scenario', 'pool_submit');
  const url = new URL(page.url());
  assert.equal(url.searchParams.get('scenario'), 'pool_submit');
  assert.equal(url.searchParams.get('secs'), '[0.2, 0.1]');
  assert.equal(url.searchParams.get('workers'), '4');

  // The same link in a new page gives the same state.
  const again = await openPage(t, url.pathname + url.search);
  await waitReady(again);
  assert.equal(await again.inputValue('#secs'), '[0.2, 0.1]');
  assert.equal(await again.inputValue('#workers'), '4');
  assert.equal(await again.inputValue('#scenario'), 'pool_submit');
});

test('without lang the page follows the browser: English lines for an English browser', async (t) => {
  const page = await openPage(t, '/?scenario=pool_map&secs=0.1&autorun=1', { locale: 'en-US' });
  await waitRunEnd(page);
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  const lines = await outputLines(page);
  assert.equal(lines[0], 'slept 0.1 sec.');
  assert.match(lines[1], /^it took: 0\.1\d? sec\.$/);
});

test('the default max_workers is Python’s, and the page says how it was chosen', async (t) => {
  const page = await openPage(t, '/?scenario=pool_submit&lang=en');
  await waitReady(page);
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  const expected = Math.min(32, cores + 4, 15);
  assert.match(await page.textContent('#workers-note'), new RegExp(`= ${expected}$|so ${expected}$`));
});

test('Stop wakes the sleepers and ends the run at once', async (t) => {
  const page = await openPage(t, '/?scenario=pool_submit&secs=20,20,20&workers=2&lang=ru');
  await waitReady(page);
  await page.click('#run');
  // Both workers have their task; the third waits in the queue.
  await page.waitForFunction(() => [...document.querySelectorAll('#tasks tbody tr td[data-col="started"]')].filter((td) => td.textContent !== '—').length === 2);
  await page.click('#stop');
  const record = await waitRunEnd(page, 5_000);
  assert.equal(record.cancelled, true);
  assert.ok(record.wallMs < 3_000, `ended after ${record.wallMs} ms`);
  const lines = await outputLines(page);
  assert.match(lines.at(-1), /^KeyboardInterrupt/);
  // The task that was still queued never started.
  assert.equal(record.tasks.filter((task) => task.startedMs === null).length, 1);
  // And the pool is free for the next run.
  await page.fill('#secs', '0.1');
  await page.click('#run');
  const next = await waitRunEnd(page);
  assert.equal(next.cancelled, false);
});
