// A course author's own program in a course page: <potoki-lesson> with a `code`
// attribute, with the program written between its tags, or with `src=` a .py file
// of the course site; `readonly` shows it without an editor; and `?embed=1&code=…`,
// the plain iframe's URL, runs it. The course page is on another origin
// (`localhost`; potoki is on 127.0.0.1) and sends no isolation headers.

import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { host } from '../../tools/static-host.mjs';
import { baseUrl, openPage, outputLines, useBrowser, waitReady, waitRunEnd } from './fixture.mjs';

useBrowser();

/** Two threads that sleep 0.4 s and 0.2 s: the shorter one prints first. */
const TWO_THREADS = `import threading, time

def sleep(secs):
    time.sleep(secs)
    print(f'slept {secs}')

threads = [threading.Thread(target=sleep, args=[s]) for s in (0.4, 0.2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print('done')`;
const TWO_THREADS_OUTPUT = ['slept 0.2', 'slept 0.4', 'done'];

const attribute = (text) => text.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;');
const indent = (text, by) => text.split('\n').map((line) => (line ? by + line : line)).join('\n');

/** The course site on another origin: `/` is the lesson (`courseHtml`),
 *  `/examples/two-threads.py` a program beside it, anything else a 404. */
let coursePage;
let courseHtml = '';
const servers = [];
before(async () => {
  const server = createServer((req, res) => {
    const path = new URL(req.url, 'http://localhost').pathname;
    if (path === '/') {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(courseHtml);
    } else if (path === '/examples/two-threads.py') {
      res.writeHead(200, { 'Content-Type': 'text/x-python; charset=utf-8' });
      res.end(`${TWO_THREADS}\n`);
    } else if (path === '/favicon.ico') {
      res.writeHead(204).end(); // asked for by the browser, not by the test
    } else {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('Not found\n');
    }
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  servers.push(server);
  coursePage = `http://localhost:${server.address().port}/`;
});
after(() => Promise.all(servers.map((server) => new Promise((done) => server.close(done)))));

/** Opens a lesson page holding `element` (HTML) after embed.js from `potoki` (the dev server). */
function openLesson(t, element, options = {}) {
  courseHtml = `<!doctype html><html lang="en"><title>A course</title>
    <h1>Lesson 5: threads</h1>
    <script type="module" src="${options.potoki ?? baseUrl()}embed.js"></script>
    ${element}
    <p>Text after the lesson.</p>`;
  return openPage(t, coursePage, options);
}

/** The potoki frame inside the lesson, once its pool has started. */
async function potokiFrame(page) {
  await page.waitForFunction(() => document.querySelector('potoki-lesson')?.shadowRoot?.querySelector('iframe')?.src);
  for (let i = 0; i < 100; i++) {
    const frame = page.frames().find((f) => f.url().includes('embed=1'));
    if (frame) {
      await waitReady(frame);
      return frame;
    }
    await page.waitForTimeout(100);
  }
  throw new Error('no potoki frame');
}

/** The code the frame shows, line by line. */
const codeShown = (frame) => frame.$$eval('#code .line', (lines) => lines.map((line) => line.textContent.replace(/\n$/, '')).join('\n'));

test('an element with a code attribute runs the two-thread program, its output in order', async (t) => {
  const page = await openLesson(t, `<potoki-lesson code="${attribute(TWO_THREADS)}" lang="en" autorun></potoki-lesson>`);
  const frame = await potokiFrame(page);
  assert.equal(new URL(frame.url()).searchParams.get('code'), TWO_THREADS, 'the program went as code=');
  const record = await waitRunEnd(frame);
  assert.equal(record.scenario, 'python');
  assert.deepEqual(await outputLines(frame), TWO_THREADS_OUTPUT);
  const times = record.output.map((line) => line.tMs);
  assert.deepEqual(times, [...times].sort((a, b) => a - b), 'each line arrived after the one before');
  assert.equal(new Set(record.tasks.map((task) => task.thread)).size, 2, 'two threads of their own');
  assert.equal(record.threaded, true);
  assert.equal(await codeShown(frame), TWO_THREADS);
});

test('a program written between the tags, indented with the HTML, runs as written without that indent', async (t) => {
  // In <script type="text/x-python"> the `<` and `&` of the program stay as they are.
  const program = `${TWO_THREADS}\nif 1 < 2 and True & True:\n    print('<&>')`;
  const page = await openLesson(
    t,
    `<section>
      <potoki-lesson lang="en" autorun>
        <script type="text/x-python">
${indent(program, '          ')}
        </script>
      </potoki-lesson>
    </section>`,
  );
  const frame = await potokiFrame(page);
  await waitRunEnd(frame);
  assert.deepEqual(await outputLines(frame), [...TWO_THREADS_OUTPUT, '<&>']);
  assert.equal(await codeShown(frame), program);
  // Nothing of the program shows in the course page itself.
  assert.equal(await page.evaluate(() => document.body.innerText.includes('threading')), false);
});

test('a program as the element’s plain text, with &lt; written as an entity, runs too', async (t) => {
  const program = "import threading\nif 1 < 2:\n    print('smaller')";
  const page = await openLesson(t, `<potoki-lesson lang="en" autorun>\n${indent(program.replace('<', '&lt;'), '    ')}\n  </potoki-lesson>`);
  const frame = await potokiFrame(page);
  await waitRunEnd(frame);
  assert.deepEqual(await outputLines(frame), ['smaller']);
  assert.equal(await codeShown(frame), program);
});

test('src= a .py file of the course site runs it', async (t) => {
  const page = await openLesson(t, '<potoki-lesson src="examples/two-threads.py" lang="en" autorun></potoki-lesson>');
  const frame = await potokiFrame(page);
  await waitRunEnd(frame);
  assert.deepEqual(await outputLines(frame), TWO_THREADS_OUTPUT);
  assert.equal(await codeShown(frame), TWO_THREADS);
});

test('a src= that is not there says so in the element, with no blank frame', async (t) => {
  const page = await openLesson(t, '<potoki-lesson src="examples/missing.py" lang="en"></potoki-lesson>', {
    expectedErrors: [/Failed to load resource: the server responded with a status of 404/],
  });
  const alert = page.locator('potoki-lesson .potoki-error'); // Playwright's locators pierce the shadow root
  await alert.waitFor({ state: 'visible' });
  assert.match(await alert.textContent(), /the program did not load — http:\/\/localhost:\d+\/examples\/missing\.py: 404 Not Found/);
  assert.equal(await alert.getAttribute('role'), 'alert');
  assert.equal(await page.locator('potoki-lesson iframe').isVisible(), false);
  assert.equal(page.frames().some((f) => f.url().includes('embed=1')), false, 'no page was loaded');
});

test('a long program goes compressed as codez= and runs the same', async (t) => {
  const comments = Array.from({ length: 120 }, (_, i) => `# a comment line to make the program long: ${i}`).join('\n');
  const program = `${comments}\n${TWO_THREADS}`;
  const page = await openLesson(t, `<potoki-lesson code="${attribute(program)}" lang="en" autorun></potoki-lesson>`);
  const frame = await potokiFrame(page);
  const params = new URL(frame.url()).searchParams;
  assert.equal(params.has('codez') && !params.has('code'), true, 'codez= in place of code=');
  await waitRunEnd(frame);
  assert.deepEqual(await outputLines(frame), TWO_THREADS_OUTPUT);
  assert.equal(await codeShown(frame), program);
});

test('readonly shows the code, typing into it changes nothing, and Run runs it', async (t) => {
  const page = await openLesson(t, `<potoki-lesson code="${attribute(TWO_THREADS)}" lang="en" readonly></potoki-lesson>`);
  const frame = await potokiFrame(page);
  assert.equal(new URL(frame.url()).searchParams.get('readonly'), '1');
  assert.match(await frame.textContent('#code-hint'), /^Read-only: this code can be run, not edited here/);
  // Neither a way back to a listing nor presets that would replace the author's code.
  assert.equal(await frame.isVisible('#back-to-listing'), false);
  assert.equal(await frame.isDisabled('#preset'), true);
  await frame.click('#code');
  await frame.press('.code pre', 'End');
  await frame.locator('.code pre').pressSequentially('x = 1\n');
  await frame.waitForTimeout(500); // what an editor would take to load, had it been asked for
  assert.equal(await frame.$$eval('.cm-editor', (editors) => editors.length), 0, 'no editor was loaded');
  assert.equal(await codeShown(frame), TWO_THREADS);
  await frame.click('#run');
  await waitRunEnd(frame);
  assert.deepEqual(await outputLines(frame), TWO_THREADS_OUTPUT);
  assert.equal(await codeShown(frame), TWO_THREADS);
});

test('?embed=1&code=… opens the program in embed mode, and Run runs it', async (t) => {
  const page = await openPage(t, `/?embed=1&code=${encodeURIComponent(TWO_THREADS)}&lang=en`);
  await waitReady(page);
  assert.equal(await page.evaluate(() => document.documentElement.classList.contains('embedded')), true);
  assert.equal(await codeShown(page), TWO_THREADS);
  await page.click('#run');
  const record = await waitRunEnd(page);
  assert.equal(record.scenario, 'python');
  assert.deepEqual(await outputLines(page), TWO_THREADS_OUTPUT);
  // The URL the page writes back keeps it in embed mode.
  await page.click('#gil');
  await page.waitForFunction(() => new URL(location.href).searchParams.get('gil') === '0');
  assert.equal(new URL(page.url()).searchParams.get('embed'), '1');
});

test('from dist/ on a static host, embed.js and the modules it imports load cross-origin, and the program runs', async (t) => {
  // Its _headers must send CORS for each module the element imports, or the course page gets none of it.
  const site = await host({ root: fileURLToPath(new URL('../../dist/', import.meta.url)), port: 0 });
  servers.push(site.server);
  const page = await openLesson(t, `<potoki-lesson code="${attribute(TWO_THREADS)}" lang="en" autorun></potoki-lesson>`, { potoki: site.url });
  const frame = await potokiFrame(page);
  assert.ok(frame.url().startsWith(site.url));
  await waitRunEnd(frame);
  assert.deepEqual(await outputLines(frame), TWO_THREADS_OUTPUT);
});
