// Students press Stop, press Run twice, hide the tab, type anything; course pages
// pass parameters from their own templates. The page survives all of it: every run
// ends, nothing from a URL runs as code. (A thread that dies: death.test.mjs.)

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openPage, outputLines, runInPage, useBrowser, waitReady, waitRunEnd } from './fixture.mjs';

useBrowser();

test('Stop ends a run within 50 ms, whatever it was waiting for, and the pool is free at once', async (t) => {
  const page = await openPage(t, '/');
  await waitReady(page);
  const result = await page.evaluate(async () => {
    const { createPlayground } = await import('/potoki.js');
    const pg = await createPlayground();
    // Stop is pressed once `count` tasks have started (and so are waiting).
    const stopAfter = async (plan, count) => {
      const controller = new AbortController();
      let started = 0;
      let stoppedAt = null;
      const onEvent = (e) => {
        if (e.type === 'started' && ++started === count) {
          // 20 ms on: the tasks have begun their waits, and the main thread (which
          // may still be starting the last worker: a Web Worker takes up to 2 ms to
          // wake) has submitted every task and waits too.
          setTimeout(() => {
            stoppedAt = performance.now();
            controller.abort();
          }, 20);
        }
      };
      const record = await pg.run(plan, { signal: controller.signal, onEvent });
      return { record, ms: performance.now() - stoppedAt };
    };
    const sleeps = await stopAfter({ scenario: 'pool_submit', secs: [30, 30, 30, 30], workers: 2 }, 2);
    const downloads = await stopAfter({ scenario: 'pool_map', images: ['images/paw-1394447.jpg?delay=20000', 'images/beach-1364350.jpg?delay=20000', 'images/doggy-1382866.jpg?delay=20000'], workers: 2 }, 2);
    const asyncio = await stopAfter({ scenario: 'async', secs: [30, 30] }, 2);
    const started = performance.now();
    const next = await pg.run({ scenario: 'threads', secs: [0.05] });
    return { sleeps, downloads, asyncio, next: { record: next, ms: performance.now() - started } };
  });
  for (const name of ['sleeps', 'downloads', 'asyncio']) {
    const { record, ms } = result[name];
    assert.ok(ms < 50, `${name}: the run ended ${ms.toFixed(1)} ms after Stop`);
    assert.equal(record.cancelled, true, name);
    assert.ok(record.tasks.every((task) => 'error' in task && /CancelledError/.test(task.error)), `${name}: every task says it was cancelled`);
    assert.match(record.output.at(-1).text, /^KeyboardInterrupt/);
  }
  // The queued ones never started; the running ones were woken.
  assert.equal(result.sleeps.record.tasks.filter((task) => task.startedMs === null).length, 2);
  assert.equal(result.downloads.record.tasks.filter((task) => task.startedMs === null).length, 1);
  assert.equal(result.next.record.cancelled, false);
  assert.ok(result.next.ms < 1000);
});

test('Run during a run: refused in the page and in the API alike, and Stop then Run works', async (t) => {
  const page = await openPage(t, '/?scenario=threads&secs=20&lang=en');
  await waitReady(page);
  await page.click('#run');
  await page.waitForFunction(() => document.getElementById('app').dataset.state === 'running');
  assert.equal(await page.$eval('#run', (b) => b.disabled), true);
  await page.press('#secs', 'Enter'); // submitting the form again starts nothing
  const refused = await page.evaluate(async () => {
    const { createPlayground } = await import('/potoki.js');
    return (await createPlayground()).run({ scenario: 'threads', secs: [0.1] }).then(() => 'ran', (e) => e.message);
  });
  assert.match(refused, /already going/);
  await page.click('#stop');
  const stopped = await waitRunEnd(page);
  assert.equal(stopped.tasks.length, 1);
  await page.fill('#secs', '0.1');
  await page.click('#run');
  const next = await waitRunEnd(page);
  assert.equal(next.cancelled, false);
  assert.match(await page.textContent('#status'), /ended after 0\.1/);
});

test('a run in a hidden tab says its timings may be distorted', async (t) => {
  const page = await openPage(t, '/?scenario=threads&secs=0.3&lang=en');
  await waitReady(page);
  await page.click('#run');
  // What the browser does when the student switches tabs.
  await page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  const record = await waitRunEnd(page);
  assert.equal(record.hidden, true);
  assert.match(await page.textContent('#status'), /tab was hidden during the run.*timings may be distorted/);
  // A run seen to its end says nothing of the kind.
  await page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'visible' });
  });
  await page.click('#run');
  const seen = await waitRunEnd(page);
  assert.equal(seen.hidden, undefined);
});

const PAYLOADS = [
  '<img src=x onerror="window.__pwned=1">',
  '"><script>window.__pwned=1</script>',
  'javascript:window.__pwned=1',
  "');window.__pwned=1;('",
  '<svg onload=window.__pwned=1>',
  '{{constructor.constructor("window.__pwned=1")()}}',
  'юникод 🧵 ‮evil',
  // Long, but within what servers take in a URL (8 parameters of it).
  'x'.repeat(1500),
];

test('payloads in every parameter stay text: nothing runs, the page stays usable', async (t) => {
  for (const payload of PAYLOADS) {
    const q = encodeURIComponent(payload);
    const query = `scenario=${q}&secs=${q}&workers=${q}&threads=${q}&lang=${q}&autorun=1&images=${q}&embed=${q}`;
    const page = await openPage(t, `/?${query}`);
    await page.waitForFunction(() => document.getElementById('app').dataset.state !== 'starting', null, { timeout: 30_000 });
    await page.waitForTimeout(100);
    assert.equal(await page.evaluate(() => window.__pwned), undefined, payload.slice(0, 30));
    assert.equal(await page.$$eval('#app img, #app script, #app svg:not(#timeline) [onload]', (els) => els.length), 0);
    // The bad values are refused with their place, as text.
    const error = await page.textContent('#plan-error');
    assert.ok(error.length < 400, 'the message is shortened');
    // And the page still runs a plan.
    if (await page.$eval('#app', (a) => a.dataset.state === 'failed')) continue; // threads=payload: no pool, said so
    await page.fill('#images', 'images/paw-1394447.jpg');
    await page.selectOption('#scenario', 'pool_map');
    await page.fill('#workers', '1');
    await page.click('#run');
    const record = await waitRunEnd(page);
    assert.equal(record.tasks.length, 1, payload.slice(0, 30));
    await page.close();
  }
});

test('payloads as image names and URLs stay text in the output, the table and the thumbnails', async (t) => {
  const page = await openPage(t, '/?lang=en', { expectedErrors: [/status of 404/] });
  await waitReady(page);
  const names = [
    'images/%3Cimg%20src%3Dx%20onerror%3Dwindow.__pwned%3D1%3E.jpg',
    'images/%22%3E%3Cscript%3Ewindow.__pwned%3D1%3C%2Fscript%3E.jpg',
    'images/paw-1394447.jpg#<b>bold</b>',
  ];
  const { record } = await runInPage(page, { scenario: 'pool_submit', images: names, workers: 3 });
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.ok(record.tasks.slice(0, 2).every((task) => /404/.test(task.error)));
  assert.equal(record.tasks[2].error, undefined);
  // Now through the page: text everywhere, no element made of it.
  await page.check('input[name="kind"][value="download"]');
  await page.fill('#images', names.join('\n'));
  await page.selectOption('#scenario', 'threads');
  await page.click('#run');
  const shown = await waitRunEnd(page);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  const markup = await page.$$eval('#output b, #output img, #tasks img, #tasks b, #code img, #code script', (els) => els.length);
  assert.equal(markup, 0);
  const calls = await page.$$eval('#tasks td[data-col="call"]', (cells) => cells.map((c) => c.textContent));
  assert.ok(calls[0].includes('%3Cimg%20src%3Dx%20onerror'), calls[0]);
  // The lesson's `image_url.split('/')[-1]`, of the URL as the page resolved it.
  const name = shown.tasks[2].arg.split('/').at(-1);
  assert.ok((await outputLines(page)).includes(`${name} was downloaded`), name);
});

test('javascript:, data: and file: image URLs are refused before anything is fetched', async (t) => {
  const page = await openPage(t, '/?lang=en');
  await waitReady(page);
  const refused = await page.evaluate(async () => {
    const { createPlayground } = await import('/potoki.js');
    const pg = await createPlayground();
    const out = [];
    for (const url of ['javascript:window.__pwned=1', 'data:image/png;base64,AAAA', 'file:///etc/passwd', 'blob:whatever']) {
      out.push(await pg.run({ scenario: 'pool_map', images: [url] }).then(() => 'ran', (e) => e.message));
    }
    return out;
  });
  for (const message of refused) assert.match(message, /^images\[0\] \(line 1\): ".*"…? is not an http\(s\) or relative URL$/);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
});
