// The lesson's real example: images downloaded by threads (through the broker on
// the UI thread), by asyncio, and one by one; and every way a download can fail.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LESSON_IMAGE_NAMES } from '../../www/scenarios.js';
import { baseUrl, openPage, outputLines, runInPage, runSummary, useBrowser, waitReady, waitRunEnd } from './fixture.mjs';

useBrowser();

const NAMES = LESSON_IMAGE_NAMES;
/** Chromium opens at most this many HTTP/1.1 connections to one host. */
const CONNECTIONS_PER_HOST = 6;
const DELAY = 300;

const lessonImages = (delay = DELAY) => NAMES.map((name) => `images/${name}?delay=${delay}`);
/** The line of the lesson's download_one_image: its `image_url.split('/')[-1]` keeps a
 * query, as Python does. */
const downloaded = (url) => `${url.split('/').at(-1)} was downloaded`;
/** The same server under another name: another origin for the page. */
const otherOrigin = () => baseUrl().replace('127.0.0.1', 'localhost');

test('12 images with 12 workers take one wave per six connections, and the wait shows', async (t) => {
  const page = await openPage(t, '/');
  const { record } = await runInPage(page, { scenario: 'pool_map', images: lessonImages(), workers: 12, lang: 'ru' });
  const waves = Math.ceil(NAMES.length / CONNECTIONS_PER_HOST);
  assert.ok(record.wallMs >= waves * DELAY && record.wallMs < waves * DELAY + 600, `wall ${record.wallMs} ms`);
  // Twelve threads were busy at once, each blocked on its download.
  assert.equal(new Set(record.tasks.map((task) => task.thread)).size, 12);
  // The browser held half of the requests back until a connection was free.
  assert.ok(record.tasks.every((task) => task.download.requestMs !== null), 'Resource Timing gave every request time');
  // Held back: really sent only once the first responses had come in and freed a
  // connection (however spread out the threads' own requests were).
  const firstResponse = Math.min(...record.tasks.map((task) => task.download.firstByteMs));
  const queued = record.tasks.filter((task) => task.download.requestMs >= firstResponse - 20);
  assert.equal(queued.length, NAMES.length - CONNECTIONS_PER_HOST, JSON.stringify(record.tasks.map((t) => t.download)));
  const lines = record.output.map((line) => line.text);
  assert.deepEqual(lines.slice(0, 12).sort(), lessonImages().map(downloaded).sort());
  assert.match(lines[12], /^it took: 0\.[6-9]\d* sec\.$|^it took: 1\.\d+ sec\.$/);
  for (const task of record.tasks) {
    assert.equal(task.kind, 'download');
    assert.equal(task.download.status, 200);
    assert.ok(task.download.bytes >= 50 * 1024 && task.download.bytes <= 400 * 1024);
    assert.ok(task.download.sentMs <= task.download.firstByteMs && task.download.firstByteMs <= task.download.lastByteMs);
  }
});

test('one by one, the 12 downloads take 12 times the latency', async (t) => {
  const page = await openPage(t, '/');
  const { record } = await runInPage(page, { scenario: 'sequential', images: lessonImages(150) });
  assert.ok(record.wallMs >= 12 * 150 && record.wallMs < 12 * 150 + 800, `wall ${record.wallMs} ms`);
  assert.deepEqual(record.output.slice(0, 12).map((line) => line.text), lessonImages(150).map(downloaded));
  assert.ok(record.tasks.every((task) => task.thread === record.mainThread));
});

test('submit delivers in order, as_completed as each download ends', async (t) => {
  const page = await openPage(t, '/');
  const images = [`images/${NAMES[0]}?delay=500`, `images/${NAMES[1]}?delay=100`, `images/${NAMES[2]}?delay=300`];
  const inOrder = await runInPage(page, { scenario: 'pool_submit', images, workers: 3 });
  assert.deepEqual(inOrder.record.output.slice(0, 3).map((l) => l.text), [0, 1, 2].map((i) => downloaded(images[i])));
  const asCompleted = await runInPage(page, { scenario: 'pool_as_completed', images, workers: 3 });
  assert.deepEqual(asCompleted.record.output.slice(0, 3).map((l) => l.text), [1, 2, 0].map((i) => downloaded(images[i])));
  // In order, the fast ones wait for the slow first one; as completed, none waits.
  const lag = (task) => task.deliveredMs - task.finishedMs;
  assert.ok(lag(inOrder.record.tasks[1]) >= 300);
  assert.ok(asCompleted.record.tasks.every((task) => lag(task) < 50));
});

test('max_workers bounds the downloads in flight', async (t) => {
  const page = await openPage(t, '/');
  const { record } = await runInPage(page, { scenario: 'pool_as_completed', images: lessonImages(200).slice(0, 6), workers: 2 });
  assert.ok(record.wallMs >= 600 && record.wallMs < 1100, `wall ${record.wallMs} ms`);
  const mostAtOnce = Math.max(
    ...record.tasks.map((task) => record.tasks.filter((o) => o.startedMs <= task.startedMs + 1 && o.finishedMs > task.startedMs + 1).length),
  );
  assert.equal(mostAtOnce, 2);
});

/** A page ready to download `images`: one good image, then one of each failure (a
 * 404, an HTML page, CORS refused, over 20 MB, no first byte in 30 s), then a good
 * image from another origin that allows CORS. */
async function openForFailures(t) {
  const page = await openPage(t, '/?lang=en', {
    // What Chromium itself logs for the failures provoked here.
    expectedErrors: [
      /status of 404 \(Not Found\)/,
      /has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header/,
      /^Failed to load resource: net::ERR_FAILED$/,
    ],
  });
  await waitReady(page);
  const images = [
    `images/${NAMES[0]}`,
    'images/no-such-image.jpg',
    'index.html',
    `${otherOrigin()}images/${NAMES[1]}?cors=0`,
    'images/synthetic.jpg?bytes=25000000',
    `images/${NAMES[2]}?delay=31000`,
    `${otherOrigin()}images/${NAMES[3]}`,
  ];
  return { page, images };
}

test('as its Python, pool_submit’s result() raises the failed download’s error in the main thread once the pool has waited for all, and the next run works', async (t) => {
  const { page, images } = await openForFailures(t);
  // All but the server that never answers (its 30 s wait is the other test's).
  const failing = [...images.slice(0, 5), images[6]];
  const { record } = await runInPage(page, { scenario: 'pool_submit', images: failing, workers: 6, lang: 'en' });
  const errors = record.tasks.map((task) => task.error ?? null);
  // The listing's function calls raise_for_status(): the 404 raises in its thread.
  assert.equal(errors[0], null);
  assert.match(errors[1], /^HTTPError: 404 Client Error: Not Found for url: http:\/\/.*\/images\/no-such-image\.jpg$/);
  assert.equal(errors[2], null);
  assert.match(errors[3], /^ConnectionError: the network failed or CORS blocked the request\./);
  assert.equal(errors[4], 'TooLarge: the image is over 20 MB; reading stopped');
  assert.equal(errors[5], null);
  // `print(result.result())` in submission order: the first prints, the second
  // re-raises its HTTPError, which ends the program after the `with` block waited.
  const stdout = record.output.filter((line) => line.stream === 'stdout').map((line) => line.text);
  assert.deepEqual(stdout, [`${NAMES[0]} was downloaded`]);
  assert.equal(record.error?.type, 'HTTPError');
  assert.match(record.error.traceback, /^Traceback \(most recent call last\):\n {2}File "main\.py", line \d+, in <module>\n {4}print\(result\.result\(\)\)/);
  assert.ok(record.tasks.every((task) => task.finishedMs !== null), 'the pool waited for every download');

  const next = await runInPage(page, { scenario: 'pool_map', images: [`images/${NAMES[4]}`], workers: 1 });
  assert.equal(next.record.tasks[0].error, undefined);
});

test('run as its Python, each thread’s download fails or not as in CPython: a 404 page is saved, a failed request raises in its thread, the rest go on', async (t) => {
  const { page, images } = await openForFailures(t);
  // `threads`: the lesson's download_one_image in a thread per image, none joined for
  // a result, so one thread's exception ends only that thread.
  const { record, events } = await runInPage(page, { scenario: 'threads', images, lang: 'en' });
  const errors = record.tasks.map((task) => task.error ?? null);
  // The lesson's code does not check the status: the 404 page and the HTML page are
  // written as if they were pictures, and said to be downloaded.
  assert.deepEqual(errors.slice(0, 3), [null, null, null]);
  assert.deepEqual(record.tasks.slice(0, 3).map((task) => task.download.status), [200, 404, 200]);
  // requests raises, with the page's explanation: the thread prints its traceback.
  assert.match(errors[3], /^ConnectionError: the network failed or CORS blocked the request\. .*cross-origin isolated/);
  assert.equal(errors[4], 'TooLarge: the image is over 20 MB; reading stopped');
  assert.equal(errors[5], 'ReadTimeout: no first byte from the server in 30 s');
  assert.equal(errors[6], null);
  const stdout = record.output.filter((line) => line.stream === 'stdout').map((line) => line.text);
  assert.deepEqual(stdout.slice(0, -1).sort(), [0, 1, 2, 6].map((i) => downloaded(images[i])).sort());
  assert.match(stdout.at(-1), /^it took: 3\d\.\d+ sec\.$/);
  const stderr = record.output.filter((line) => line.stream === 'stderr').map((line) => line.text);
  assert.equal(stderr.filter((line) => /^Exception in thread Thread-\d+ \(download_one_image\):$/.test(line)).length, 3);
  assert.equal(record.error, null, 'the main thread ended well');
  // What was written: a picture only where one came.
  const files = Object.fromEntries(record.files.map((file) => [file.path, file.image]));
  assert.deepEqual(files, {
    [`pics/${NAMES[0]}`]: 'jpeg',
    'pics/no-such-image.jpg': null,
    'pics/index.html': null,
    [`pics/${NAMES[3]}`]: 'jpeg',
  });
  // Only real images got a thumbnail.
  const thumbnails = events.filter((e) => e.type === 'image').map((e) => e.task).sort();
  assert.deepEqual(thumbnails, [0, 6]);
});

test('asyncio overlaps sleeps and downloads on one thread, with no worker', async (t) => {
  const page = await openPage(t, '/');
  const sleeps = await runInPage(page, { scenario: 'async_as_completed', secs: [0.4, 0.1, 0.25] });
  assert.deepEqual(sleeps.record.output.slice(0, 3).map((l) => l.text), ['проспала 0.1 sec.', 'проспала 0.25 sec.', 'проспала 0.4 sec.']);
  assert.ok(sleeps.record.wallMs >= 400 && sleeps.record.wallMs < 800);
  assert.ok(sleeps.record.tasks.every((task) => task.thread === sleeps.record.mainThread));

  const inOrder = await runInPage(page, { scenario: 'async', secs: [0.3, 0.1] });
  assert.deepEqual(inOrder.record.output.slice(0, 2).map((l) => l.text), ['проспала 0.3 sec.', 'проспала 0.1 sec.']);

  const downloads = await runInPage(page, { scenario: 'async', images: lessonImages(300).slice(0, 6) });
  assert.ok(downloads.record.wallMs >= 300 && downloads.record.wallMs < 800, `wall ${downloads.record.wallMs}`);
  assert.deepEqual(downloads.record.output.slice(0, 6).map((l) => l.text), lessonImages(300).slice(0, 6).map(downloaded));
  assert.equal(new Set(downloads.record.tasks.map((task) => task.thread)).size, 1);
});

test('the page: the lesson preset, thumbnails as images arrive, released on the next run', async (t) => {
  // Loading a revoked object URL is how the test sees it released; Chromium logs that.
  const page = await openPage(t, '/?scenario=pool_map&lang=ru', { expectedErrors: [/ERR_FILE_NOT_FOUND/] });
  await waitReady(page);
  await page.check('input[name="kind"][value="download"]');
  await page.click('#lesson-images');
  assert.equal((await page.inputValue('#images')).split('\n').length, 12);
  assert.match(new URL(page.url()).searchParams.get('images'), /^images\/paw-1394447\.jpg\?delay=1000&kbps=4000,/);
  // A short version of it, so the test is quick.
  await page.fill('#images', lessonImages(100).slice(0, 3).join('\n'));
  await page.click('#run');
  await waitRunEnd(page);
  assert.equal(await page.locator('#thumbnails img').count(), 3);
  const firstSrc = await page.getAttribute('#thumbnails img', 'src');
  assert.match(firstSrc, /^blob:/);
  assert.ok(await page.$eval('#thumbnails img', (img) => img.decode().then(() => img.naturalWidth > 0)));
  const lines = await outputLines(page);
  assert.equal(lines.filter((line) => line.endsWith('was downloaded')).length, 3);

  await page.click('#run');
  await waitRunEnd(page);
  const revoked = await page.evaluate((src) => {
    const img = new Image();
    img.src = src;
    return img.decode().then(() => false, () => true);
  }, firstSrc);
  assert.equal(revoked, true, 'the previous run’s object URLs are released');
});

test('the image editor refuses other schemes and names the line', async (t) => {
  const page = await openPage(t, '/?scenario=pool_map&lang=en&images=images/paw-1394447.jpg');
  await waitReady(page);
  await page.fill('#images', 'images/paw-1394447.jpg\n\njavascript:alert(1)');
  assert.equal(
    await page.textContent('#plan-error'),
    'images[1] (line 3): "javascript:alert(1)" is not an http(s) or relative URL',
  );
  assert.equal(await page.$eval('#images', (el) => el.getAttribute('aria-invalid')), 'true');
  assert.equal(await page.$eval('#run', (b) => b.disabled), true);
});

test('each download listing runs as its Python: the lesson’s tasks and lines, and the pictures written into pics/', async (t) => {
  const page = await openPage(t, '/?lang=en');
  await waitReady(page);
  // Names without a query: the lesson's `image_url.split('/')[-1]` keeps one.
  const images = NAMES.slice(0, 3).map((name) => `images/${name}`);
  for (const scenario of ['sequential', 'threads_no_join', 'threads_join_in_loop', 'threads', 'pool_submit', 'pool_as_completed', 'pool_map', 'async', 'async_as_completed']) {
    const run = await runInPage(page, { scenario, images, workers: 3, lang: 'en' });
    const { record } = run;
    assert.equal(run.events.some((e) => e.type === 'line'), true, `${scenario}: the interpreter ran it`);
    // The printing download_one_image (called, a thread's target, map's function)
    // writes each picture where the lesson does; the returning one only returns.
    const printing = !scenario.startsWith('pool') && !scenario.startsWith('async') || scenario === 'pool_map';
    const fn = printing ? 'download_one_image' : '_download_one_image';
    const url = (image) => new URL(image, page.url()).href;
    assert.deepEqual(record.tasks.map((task) => task.call).sort(), images.map((image) => `${fn}('${url(image)}')`).sort(), scenario);
    assert.deepEqual(record.tasks.map((task) => task.arg), images.map(url), scenario);
    // Taken by the main thread, except where nobody asks: threads not joined, and
    // map's results never read.
    const delivered = scenario === 'threads_no_join' || scenario === 'pool_map' ? 0 : 3;
    assert.equal(record.tasks.filter((task) => task.deliveredMs !== null).length, delivered, scenario);
    assert.ok(record.tasks.every((task) => task.download.status === 200 && task.download.bytes >= 50 * 1024), scenario);
    assert.deepEqual(runSummary(run).lines, [...NAMES.slice(0, 3).map((name) => `${name} was downloaded`), 'it took'].sort(), scenario);
    const files = (record.files ?? []).map((file) => file.path).sort();
    assert.deepEqual(files, printing ? NAMES.slice(0, 3).map((name) => `pics/${name}`).sort() : [], scenario);
  }
});
