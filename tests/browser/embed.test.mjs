// potoki inside course pages and on static hosts: a course page on another origin
// that is not isolated, a host that sends no isolation headers, dist/ with its
// _headers, and the isolation service worker for hosts that cannot set headers.

import assert from 'node:assert/strict';
import { cpSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { addServiceWorker } from '../../tools/dist.mjs';
import { serve } from '../../tools/serve.mjs';
import { host } from '../../tools/static-host.mjs';
import { SCENARIO_CASES, checkItTook, checkWall } from './expectations.mjs';
import { baseUrl, itTookSecs, openPage, runInPage, useBrowser, waitReady, waitRunEnd } from './fixture.mjs';

useBrowser();

const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));
const servers = [];
after(() => Promise.all(servers.map((server) => new Promise((done) => server.close(done)))));

/** A course page on another origin (`localhost`), with no isolation headers at all. */
let coursePage;
let courseHtml = '';
before(async () => {
  const server = createServer((req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(courseHtml);
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  servers.push(server);
  coursePage = `http://localhost:${server.address().port}/`;
});

/** The potoki frame inside a course page, once its page has loaded. */
async function potokiFrame(page) {
  await page.waitForFunction(() => document.querySelector('potoki-lesson')?.shadowRoot?.querySelector('iframe'));
  for (let i = 0; i < 100; i++) {
    const frame = page.frames().find((f) => f.url().includes('embed=1'));
    if (frame) {
      await frame.waitForFunction(() => document.getElementById('app')?.dataset.state !== 'starting', null, { timeout: 30_000 });
      return frame;
    }
    await page.waitForTimeout(100);
  }
  throw new Error('no potoki frame');
}

test('the Embed button gives both snippets for the current state', async (t) => {
  const page = await openPage(t, '/?scenario=pool_as_completed&secs=0.3,0.1,0.2&workers=3&lang=ru');
  await waitReady(page);
  await page.click('#embed-button');
  // The panel's module loads on this first click (embed-panel.js): wait for it to fill.
  await page.waitForFunction(() => document.getElementById('embed-element').value !== '', null, { timeout: 10_000 });
  const element = await page.inputValue('#embed-element');
  assert.equal(
    element,
    `<script type="module" src="${baseUrl()}embed.js"></script>\n` +
      '<potoki-lesson scenario="pool_as_completed" secs="0.3,0.1,0.2" workers="3" lang="ru"></potoki-lesson>',
  );
  const iframe = await page.inputValue('#embed-iframe');
  assert.match(iframe, /^<iframe src="http:\/\/127\.0\.0\.1:\d+\/\?embed=1&amp;scenario=pool_as_completed&amp;secs=0\.3%2C0\.1%2C0\.2&amp;workers=3&amp;lang=ru" allow="cross-origin-isolated"/);
});

test('in a course page that is not isolated, the frame is, and runs real threads', async (t) => {
  courseHtml = `<!doctype html><html lang="en"><title>A course</title>
    <h1>Lesson 5: threads</h1>
    <script type="module" src="${baseUrl()}embed.js"></script>
    <potoki-lesson scenario="pool_as_completed" secs="0.3,0.1,0.2" workers="3" lang="ru" autorun="1"></potoki-lesson>
    <p id="after">Text after the lesson.</p>`;
  const page = await openPage(t, coursePage);
  assert.equal(await page.evaluate(() => crossOriginIsolated), false, 'the course page itself is not isolated');
  const frame = await potokiFrame(page);
  assert.equal(await frame.evaluate(() => crossOriginIsolated), true, 'Document-Isolation-Policy isolates the frame');
  await frame.waitForFunction(() => document.getElementById('app').dataset.state === 'done', null, { timeout: 10_000 });
  const record = await frame.evaluate(() => window.potokiLastRecord);
  assert.equal(record.threaded, true);
  assert.deepEqual(record.output.slice(0, 3).map((l) => l.text), ['проспала 0.1 sec.', 'проспала 0.2 sec.', 'проспала 0.3 sec.']);
  assert.match(await frame.textContent('#mode-badge'), /настоящие потоки/);
  // Embed mode: no page chrome.
  assert.equal(await frame.isVisible('.tagline'), false);
});

test('the frame tells the course page its height, and the height follows the content', async (t) => {
  courseHtml = `<!doctype html><html lang="en"><title>A course</title>
    <script type="module" src="${baseUrl()}embed.js"></script>
    <potoki-lesson scenario="threads" secs="0.1" lang="en"></potoki-lesson>`;
  const page = await openPage(t, coursePage);
  const frame = await potokiFrame(page);
  const sizes = async () => ({
    outer: await page.evaluate(() => document.querySelector('potoki-lesson').shadowRoot.querySelector('iframe').getBoundingClientRect().height),
    inner: await frame.evaluate(() => document.documentElement.scrollHeight),
  });
  // The frame follows within moments of each change (a resize observer, a message).
  const settled = async () => {
    let last;
    for (let i = 0; i < 50; i++) {
      last = await sizes();
      if (Math.abs(last.outer - last.inner) <= 1) return last;
      await page.waitForTimeout(100);
    }
    return last;
  };
  await page.waitForFunction(() => document.querySelector('potoki-lesson').shadowRoot.querySelector('iframe').style.height !== '640px');
  let { outer, inner } = await settled();
  assert.ok(Math.abs(outer - inner) <= 1, `frame ${outer} px, content ${inner} px`);
  const before = inner;
  await frame.click('#tasks-details summary'); // open the task table: the content grows
  await frame.click('#run');
  await frame.waitForFunction(() => document.getElementById('app').dataset.state === 'done');
  await page.waitForFunction(
    (height) => document.querySelector('potoki-lesson').shadowRoot.querySelector('iframe').getBoundingClientRect().height > height + 20,
    before,
  );
  ({ outer, inner } = await settled());
  assert.ok(Math.abs(outer - inner) <= 1 && inner > before, `frame ${outer} px, content ${inner} px, was ${before}`);
});

test('served without isolation headers, every listing runs simulated, in order and on time, and says so', async (t) => {
  const plain = await serve({ port: 0, isolation: false });
  servers.push(plain.server);
  const page = await openPage(t, `${plain.url}?lang=en`);
  await waitReady(page);
  assert.equal(await page.evaluate(() => crossOriginIsolated), false);
  assert.match(await page.textContent('#mode-badge'), /^simulated: this browser blocks threads here/);
  assert.match(await page.textContent('#status'), /simulated on the page’s one thread/);
  for (const c of SCENARIO_CASES) {
    const { record } = await runInPage(page, { scenario: c.scenario, secs: c.secs, workers: c.workers, lang: 'ru' });
    const lines = record.output.map((line) => line.text);
    assert.equal(record.threaded, false);
    c.check(lines);
    checkItTook(c, lines, itTookSecs(lines));
    checkWall(c, record.wallMs);
  }
  // Downloads too: as completed, in the time of the slowest.
  const images = ['paw-1394447.jpg?delay=400', 'doggy-1382866.jpg?delay=100', 'beach-1364350.jpg?delay=250'].map((n) => `images/${n}`);
  const { record } = await runInPage(page, { scenario: 'pool_as_completed', images, workers: 3 });
  // The lesson's `image_url.split('/')[-1]` keeps the query, as Python does.
  assert.deepEqual(record.output.slice(0, 3).map((l) => l.text), [1, 2, 0].map((i) => `${images[i].split('/').at(-1)} was downloaded`));
  assert.ok(record.wallMs >= 400 && record.wallMs < 800, `wall ${record.wallMs}`);
  // The threads are simulated, but each has a lane of its own.
  const threads = await runInPage(page, { scenario: 'threads', secs: [0.1, 0.1, 0.1] });
  assert.equal(new Set(threads.record.tasks.map((task) => task.thread)).size, 3);
});

test('simulated, counting threads take turns on the page’s one thread, and the page says why', async (t) => {
  const plain = await serve({ port: 0, isolation: false });
  servers.push(plain.server);
  const page = await openPage(t, `${plain.url}?scenario=threads&compute=30000,30000&lang=en&autorun=1`);
  const record = await waitRunEnd(page);
  const [a, b] = record.tasks;
  // Both run from start to end, each counting while the other waits its turn: their
  // CPU time adds up to no more than the one thread's wall time.
  assert.ok(a.startedMs < b.finishedMs && b.startedMs < a.finishedMs, 'the counts overlap in time');
  assert.ok(record.cpuMs <= record.wallMs * 1.05, `cpu ${record.cpuMs} in wall ${record.wallMs}`);
  assert.match(await page.textContent('#compute-help'), /take turns on its one thread, as with the GIL/);
  const refused = await page.evaluate(async () => {
    const { createPlayground } = await import('/potoki.js');
    const pg = await createPlayground();
    try {
      pg.check({ scenario: 'threads', compute: [5000000, 5000000] });
    } catch (error) {
      return error.message;
    }
  });
  assert.match(refused, /no threads here/);
});

test('dist/ on a plain static host with its _headers: isolated, threaded, working', async (t) => {
  const site = await host({ root: DIST, port: 0 });
  servers.push(site.server);
  const page = await openPage(t, `${site.url}?scenario=pool_as_completed&secs=0.3,0.1,0.2&workers=3&lang=ru&autorun=1`);
  const record = await waitRunEnd(page);
  assert.equal(await page.evaluate(() => crossOriginIsolated), true);
  assert.equal(record.threaded, true);
  assert.deepEqual(record.output.slice(0, 3).map((l) => l.text), ['проспала 0.1 sec.', 'проспала 0.2 sec.', 'проспала 0.3 sec.']);
  const downloads = await runInPage(page, { scenario: 'pool_map', images: ['images/paw-1394447.jpg', 'images/beach-1364350.jpg'], workers: 2 });
  assert.equal(downloads.record.tasks.filter((task) => 'ok' in task).length, 2);
});

test('on a host that cannot set headers, the opt-in service worker isolates the page after one reload', async (t) => {
  const copy = mkdtempSync(join(tmpdir(), 'potoki-coi-'));
  cpSync(DIST, copy, { recursive: true });
  addServiceWorker(copy);
  const site = await host({ root: copy, port: 0, headers: false });
  servers.push(site.server);
  const page = await openPage(t, `${site.url}?scenario=threads&secs=0.1,0.1&lang=en`);
  // coi-serviceworker registers itself and reloads the page once.
  await page.waitForFunction(() => crossOriginIsolated === true, null, { timeout: 20_000 });
  await waitReady(page);
  assert.match(await page.textContent('#mode-badge'), /^real threads/);
  await page.click('#run');
  const record = await waitRunEnd(page);
  assert.equal(record.threaded, true);
});
