// The iframes course platforms make: a plain <iframe> pasted into Moodle, Canvas,
// Open edX, Stepik or a static site, on a course page of another origin that is not
// cross-origin isolated. The page is sent with Document-Isolation-Policy, so Chromium
// isolates the frame on its own — with no `allow="cross-origin-isolated"`, under the
// fixed `allow` list an LMS writes, and inside a sandbox — and the threads are real.
// Where a frame cannot be isolated (Firefox, Safari), the page runs its
// single-threaded build and links to itself in a tab of its own.

import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, before, test } from 'node:test';
import { serve } from '../../tools/serve.mjs';
import { baseUrl, openPage, useBrowser } from './fixture.mjs';

useBrowser();

const PLAN = 'scenario=pool_as_completed&secs=0.3,0.1,0.2&workers=3&lang=ru';
const LINES = ['проспала 0.1 sec.', 'проспала 0.2 sec.', 'проспала 0.3 sec.'];

/** The iframe as each kind of course page writes it; `src` is filled in. */
const SHAPES = {
  'a plain iframe, no allow attribute': (src) => `<iframe src="${src}" title="potoki" width="100%" height="900"></iframe>`,
  'an LMS’s fixed allow list (autoplay; fullscreen; encrypted-media)': (src) =>
    `<iframe src="${src}" title="potoki" width="100%" height="900" allow="autoplay; fullscreen; encrypted-media" allowfullscreen></iframe>`,
  'a sandbox (allow-scripts allow-same-origin)': (src) =>
    `<iframe src="${src}" title="potoki" width="100%" height="900" sandbox="allow-scripts allow-same-origin"></iframe>`,
};

/** A course page on another origin (`localhost`, the page is on 127.0.0.1), with no
 *  isolation headers: `/?frame=<url>&shape=<name>` is a lesson with that iframe
 *  (`&isolated=1`: a course page that is itself cross-origin isolated). */
let coursePage;
const servers = [];
before(async () => {
  const server = createServer((req, res) => {
    const query = new URL(req.url, 'http://localhost').searchParams;
    const shape = SHAPES[query.get('shape')];
    if (!shape || !query.get('frame')) {
      res.writeHead(204).end(); // the browser asks for /favicon.ico too
      return;
    }
    const src = query.get('frame').replaceAll('&', '&amp;').replaceAll('"', '&quot;');
    const isolation = query.get('isolated') === '1' ? { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' } : {};
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', ...isolation });
    res.end(`<!doctype html><html lang="en"><title>A course</title><h1>Lesson 5: threads</h1>${shape(src)}<p>Text after the lesson.</p>`);
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  servers.push(server);
  coursePage = `http://localhost:${server.address().port}/`;
});
after(() => Promise.all(servers.map((server) => new Promise((done) => server.close(done)))));

/** Opens the course page with `shape` framing `frameUrl`; resolves to the page and the frame. */
async function openCourse(t, shape, frameUrl, { isolated = false } = {}) {
  const url = new URL(coursePage);
  url.searchParams.set('shape', shape);
  url.searchParams.set('frame', frameUrl);
  if (isolated) url.searchParams.set('isolated', '1');
  const page = await openPage(t, url.href);
  assert.equal(await page.evaluate(() => crossOriginIsolated), isolated, `the course page itself is ${isolated ? '' : 'not '}isolated`);
  let frame;
  for (let i = 0; i < 100 && !frame; i++) {
    frame = page.frames().find((f) => f.url().includes('embed=1'));
    if (!frame) await page.waitForTimeout(100);
  }
  assert.ok(frame, 'the potoki frame loaded');
  await frame.waitForFunction(() => ['done', 'failed'].includes(document.getElementById('app')?.dataset.state), null, { timeout: 30_000 });
  return { page, frame };
}

/** Which wasm build the frame loaded: the threaded one (pkg/) or the single one. */
function buildOf(frame) {
  return frame.evaluate(() => {
    const wasm = performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname).filter((path) => path.endsWith('.wasm'));
    return wasm.length === 1 ? wasm[0] : wasm.join(' ');
  });
}

/** The frame is isolated, loaded the threaded build, says so, and ran the plan on three workers at once. */
async function checkRealThreads(frame, shape) {
  assert.equal(await frame.evaluate(() => crossOriginIsolated), true, `${shape}: the frame is not cross-origin isolated`);
  assert.equal(await buildOf(frame), '/pkg/potoki_bg.wasm', 'the threaded build');
  assert.equal(await frame.getAttribute('#mode-badge', 'data-threaded'), 'true');
  assert.match(await frame.textContent('#mode-badge'), /настоящие потоки/);
  assert.equal(await frame.isHidden('#mode-open'), true, 'no need to leave the course page');
  assert.equal(await frame.evaluate(() => document.getElementById('app').dataset.state), 'done');
  const record = await frame.evaluate(() => window.potokiLastRecord);
  assert.equal(record.threaded, true);
  assert.deepEqual(record.output.slice(0, 3).map((l) => l.text), LINES);
  // Three sleeps on three workers at once: the wall time of the longest.
  assert.equal(new Set(record.tasks.map((task) => task.thread)).size, 3);
  assert.ok(record.wallMs >= 300 && record.wallMs < 900, `wall ${record.wallMs} ms`);
}

for (const shape of Object.keys(SHAPES)) {
  test(`${shape} on a course page that is not isolated: the frame is isolated and runs real threads`, async (t) => {
    const { frame } = await openCourse(t, shape, `${baseUrl()}?embed=1&autorun=1&${PLAN}`);
    await checkRealThreads(frame, shape);
  });
}

test('a plain iframe on a course page that is itself isolated (COOP and COEP): real threads too', async (t) => {
  // The page in embed mode is sent with CORP `cross-origin`, which COEP on the course page asks of a frame.
  const shape = 'a plain iframe, no allow attribute';
  const { frame } = await openCourse(t, shape, `${baseUrl()}?embed=1&autorun=1&${PLAN}`, { isolated: true });
  await checkRealThreads(frame, shape);
});

test('a frame that cannot be isolated runs the single-threaded build and links to the page in a tab of its own', async (t) => {
  // A page sent without the isolation headers is what Firefox and Safari make of a
  // frame: they do not isolate it on their own.
  const plain = await serve({ port: 0, isolation: false });
  servers.push(plain.server);
  const src = `${plain.url}?embed=1&autorun=1&${PLAN}`;
  const { frame } = await openCourse(t, 'a plain iframe, no allow attribute', src);
  assert.equal(await frame.evaluate(() => crossOriginIsolated), false);
  assert.equal(await buildOf(frame), '/pkg-single/potoki_bg.wasm', 'the single-threaded build');
  assert.equal(await frame.getAttribute('#mode-badge', 'data-threaded'), 'false');
  const record = await frame.evaluate(() => window.potokiLastRecord);
  assert.equal(record.threaded, false);
  assert.deepEqual(record.output.slice(0, 3).map((l) => l.text), LINES, 'the same lines, in the same order');
  // The way out to real threads: the same plan, out of embed mode, in a new tab.
  assert.equal(await frame.isVisible('#mode-open'), true);
  assert.equal(await frame.textContent('#mode-open'), 'открыть в отдельной вкладке (там потоки настоящие)');
  const link = await frame.$eval('#mode-open', (a) => ({ href: a.href, target: a.target, rel: a.rel }));
  assert.equal(link.target, '_blank');
  assert.match(link.rel, /noopener/);
  const own = new URL(link.href);
  assert.equal(own.origin, new URL(plain.url).origin);
  assert.equal(own.searchParams.has('embed'), false);
  assert.equal(own.searchParams.get('scenario'), 'pool_as_completed');
  assert.equal(own.searchParams.get('secs'), '0.3,0.1,0.2');
});
