// The code panel as an editor: the student's own code is the program, checked as it is
// typed, kept in the URL, run with or without the GIL; the editor loads only when the
// code is first focused, lets the keyboard go, and passes an accessibility scan.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import { openPage, outputLines, useBrowser, waitReady, waitRunEnd } from './fixture.mjs';

useBrowser();

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const TWO_THREADS = `import threading, time

def sleep(secs):
    time.sleep(secs)
    print(f"slept {secs}")

threads = [threading.Thread(target=sleep, args=[s]) for s in (0.4, 0.2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("done")
`;

const withCode = (code, rest = '') => `/?code=${encodeURIComponent(code)}${rest}`;

/** Focuses the code panel and waits for the editor to take its place. */
async function openEditor(page) {
  await page.focus('.code pre');
  await page.waitForSelector('#code .cm-content[role="textbox"]');
  await page.waitForFunction(() => document.activeElement?.classList.contains('cm-content'));
}

/** The editor's text, as CodeMirror holds it. */
function editorText(page) {
  return page.$$eval('#code .cm-line', (lines) => lines.map((line) => line.textContent).join('\n'));
}

/** Replaces the editor's text as a student would: select all, then paste. (The paste
 *  event is made here: headless Chromium has no clipboard to paste from.) */
async function replaceText(page, text) {
  await page.click('#code .cm-content');
  await page.keyboard.press('ControlOrMeta+a');
  await page.$eval(
    '#code .cm-content',
    (content, text) => {
      const data = new DataTransfer();
      data.setData('text/plain', text);
      content.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    },
    text,
  );
}

const editorRequests = (page) => page.evaluate(() => performance.getEntriesByType('resource').filter((e) => e.name.includes('/pkg-editor/')).length);

test('a link with code and autorun=1 runs the two-thread program, its output in order', async (t) => {
  const page = await openPage(t, withCode(TWO_THREADS, '&autorun=1&lang=en'));
  const record = await waitRunEnd(page);
  assert.equal(record.scenario, 'python');
  assert.deepEqual(await outputLines(page), ['slept 0.2', 'slept 0.4', 'done']);
  // The two sleeps overlapped on two threads of their own.
  assert.equal(new Set(record.tasks.map((task) => task.thread)).size, 2);
  assert.ok(record.wallMs >= 400 && record.wallMs < 2_000, `wall ${record.wallMs} ms`);
  // The form says whose code it is, and the listing's fields stand aside.
  assert.equal(await page.isVisible('#own-code'), true);
  assert.equal(await page.$eval('#listing-fields', (f) => f.disabled), true);
  // The code shown is the program's, highlighted as before: no editor was needed.
  assert.match(await page.textContent('#code'), /threading\.Thread\(target=sleep/);
  assert.equal(await editorRequests(page), 0);
});

test('the editor is loaded only when the code is first focused, never before', async (t) => {
  const page = await openPage(t, '/?scenario=threads&lang=en');
  await waitReady(page);
  await page.waitForTimeout(300);
  assert.equal(await editorRequests(page), 0);
  assert.equal(await page.$$eval('link[rel="modulepreload"], link[rel="preload"]', (links) => links.filter((l) => l.href.includes('pkg-editor')).length), 0);
  const listing = await page.textContent('#code');
  await openEditor(page);
  assert.equal(await editorRequests(page), 1);
  // The editor holds the listing that was shown, and took the panel's place and id.
  assert.equal((await editorText(page)).trim(), listing.trim());
  assert.equal(await page.$$eval('pre code', (c) => c.length), 0);
  // Under the page's CSP its styles apply (CodeMirror lays its editor out with flex).
  assert.equal(await page.$eval('#code .cm-editor', (e) => getComputedStyle(e).display), 'flex');
});

test('what is typed while the editor loads lands in the code, and in the URL', async (t) => {
  const page = await openPage(t, '/?scenario=threads&lang=en');
  await waitReady(page);
  const listing = (await page.textContent('#code')).trim();
  // The editor's bundle is held back until the typing is done.
  let release;
  const held = new Promise((resolve) => (release = resolve));
  await page.route('**/pkg-editor/codemirror.js', async (route) => {
    await held;
    await route.continue();
  });
  await page.focus('.code pre');
  await page.keyboard.type('print("early")');
  await page.keyboard.press('Enter');
  assert.equal(await page.$$eval('#code .cm-content', (c) => c.length), 0, 'typed before the editor was there');
  release();
  await page.waitForSelector('#code .cm-content[role="textbox"]');
  // Typed where the cursor goes on a keyboard focus: the start of the code.
  await page.waitForFunction((expected) => {
    const lines = [...document.querySelectorAll('#code .cm-line')].map((line) => line.textContent);
    return lines.join('\n').trim() === expected;
  }, `print("early")\n${listing}`);
  assert.equal(await page.isVisible('#own-code'), true);
  await page.waitForFunction(() => new URL(location.href).searchParams.get('code')?.startsWith('print("early")\n'));
  // The focus stayed in the code, and typing goes on where it left off.
  await page.keyboard.type('#');
  assert.match(await editorText(page), /^print\("early"\)\n#import/);
});

test('a syntax error is underlined and said with its line, Run waits until it is fixed', async (t) => {
  const page = await openPage(t, withCode('x = 1\n', '&lang=en'));
  await waitReady(page);
  await openEditor(page);
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.type('print(x +)');
  const alert = page.getByRole('alert').filter({ hasText: 'SyntaxError' });
  await alert.waitFor();
  assert.match(await alert.textContent(), /^SyntaxError: .*\(line 2\)$/);
  assert.equal(await page.$eval('#run', (b) => b.disabled), true);
  // Underlined where it is: line 2, at the closing parenthesis.
  const underlined = await page.$$eval('#code .cm-lintRange-error', (marks) => marks.map((m) => [m.closest('.cm-line') && [...m.closest('.cm-content').children].indexOf(m.closest('.cm-line')) + 1, m.textContent]));
  assert.deepEqual(underlined, [[2, ')']]);

  await page.keyboard.press('ArrowLeft');
  await page.keyboard.type(' 1');
  await page.waitForFunction(() => document.getElementById('code-error').hidden && !document.getElementById('run').disabled);
  assert.equal(await page.$$eval('#code .cm-lintRange-error', (marks) => marks.length), 0);
  await page.click('#run');
  await waitRunEnd(page);
  assert.deepEqual(await outputLines(page), ['2']);
});

test('the edited code is kept in the URL, compressed when long, and a link brings it back', async (t) => {
  const page = await openPage(t, '/?scenario=threads&lang=en');
  await waitReady(page);
  await openEditor(page);
  const short = 'print("привет, потоки")';
  await replaceText(page, short);
  await page.waitForFunction((text) => new URL(location.href).searchParams.get('code') === text, short);
  assert.equal(new URL(page.url()).searchParams.get('scenario'), 'threads');
  assert.equal(await page.isVisible('#own-code'), true);
  assert.equal(await page.$eval('#listing-fields', (f) => f.disabled), true);

  // Long code goes compressed, as codez=.
  const long = Array.from({ length: 120 }, (_, i) => `print("line ${i} of a long program, Привет")`).join('\n');
  await replaceText(page, long);
  await page.waitForFunction(() => new URL(location.href).searchParams.has('codez'));
  const link = new URL(page.url());
  assert.equal(link.searchParams.has('code'), false);
  assert.ok(link.href.length < 4_000, `${link.href.length} characters`);
  const again = await openPage(t, `${link.pathname}${link.search}&autorun=1`);
  await waitRunEnd(again);
  const lines = await outputLines(again);
  assert.equal(lines.length, 120);
  assert.equal(lines.at(-1), 'line 119 of a long program, Привет');

  // Back to the listing: its code and its fields, and no code in the URL.
  await page.click('#back-to-listing');
  assert.match(await editorText(page), /threading\.Thread/);
  assert.equal(await page.$eval('#listing-fields', (f) => f.disabled), false);
  assert.equal(await page.isVisible('#own-code'), false);
  const url = new URL(page.url());
  assert.equal(url.searchParams.has('code') || url.searchParams.has('codez'), false);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'scenario');
});

test('choosing an example of the lesson leaves the student’s code, and its error with it', async (t) => {
  const page = await openPage(t, withCode('print(x +)\n', '&lang=en'));
  await waitReady(page);
  await page.getByRole('alert').filter({ hasText: 'SyntaxError' }).waitFor();
  assert.equal(await page.$eval('#run', (b) => b.disabled), true);
  const example = await page.$eval('#preset', (select) => select.options[1].value);
  await page.selectOption('#preset', example);
  assert.equal(await page.isVisible('#code-error'), false);
  assert.equal(await page.isVisible('#own-code'), false);
  assert.equal(await page.$eval('#run', (b) => b.disabled), false);
  assert.match(await page.textContent('#code'), /^import time/);
  assert.equal(new URL(page.url()).searchParams.has('code'), false);
});

test('gil=0 runs the code free-threaded, and the GIL switch turns it back on', async (t) => {
  const code = 'import sys\nprint(sys._is_gil_enabled())\n';
  const page = await openPage(t, withCode(code, '&gil=0&autorun=1&lang=en'));
  await waitRunEnd(page);
  assert.deepEqual(await outputLines(page), ['False']);
  const gil = page.getByRole('switch', { name: 'GIL' });
  assert.equal(await gil.isChecked(), false);
  await gil.check();
  assert.equal(new URL(page.url()).searchParams.has('gil'), false);
  await page.click('#run');
  const record = await waitRunEnd(page);
  assert.equal(record.gil, true);
  assert.deepEqual(await outputLines(page), ['True']);
  await gil.uncheck();
  assert.equal(new URL(page.url()).searchParams.get('gil'), '0');
});

test('an uncaught exception: the traceback in the output, apart, and its line marked', async (t) => {
  const code = 'def ratio(a, b):\n    return a / b\n\nratio(1, 0)\n';
  const page = await openPage(t, withCode(code, '&autorun=1&lang=en'));
  const record = await waitRunEnd(page);
  assert.equal(record.error.type, 'ZeroDivisionError');
  const stderr = await page.$$eval('#output li.stderr .text', (items) => items.map((i) => i.textContent));
  assert.equal(stderr[0], 'Traceback (most recent call last):');
  assert.equal(stderr.at(-1), 'ZeroDivisionError: division by zero');
  assert.match(await page.textContent('#status'), /ZeroDivisionError, line 2\.$/);
  // Marked in the highlighted code, and still in the editor once it loads.
  assert.deepEqual(await page.$$eval('#code .line', (lines) => lines.map((l, i) => (l.classList.contains('error-line') ? i + 1 : 0)).filter(Boolean)), [2]);
  await openEditor(page);
  assert.equal(await page.$eval('#code .cm-line.error-line', (line) => line.textContent), '    return a / b');
});

test('Tab indents in the editor; Escape, then Tab, leaves it; undo takes edits back', async (t) => {
  const page = await openPage(t, withCode('if True:\npass\n', '&lang=en'));
  await waitReady(page);
  await openEditor(page);
  // Enter after ':' indents.
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Home');
  await page.keyboard.press('Tab');
  assert.equal(await editorText(page), 'if True:\n    pass\n');
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.type('while False:\n');
  await page.keyboard.type('x = 1');
  assert.match(await editorText(page), /while False:\n {4}x = 1$/);
  await page.keyboard.press('ControlOrMeta+z');
  assert.doesNotMatch(await editorText(page), /x = 1/);
  // Tab alone stays in the editor (it indents); Escape first lets Tab move on.
  await page.keyboard.press('Escape');
  await page.keyboard.press('Tab');
  const outside = await page.evaluate(() => !document.getElementById('code').contains(document.activeElement) && document.activeElement !== document.body);
  assert.equal(outside, true);
});

for (const lang of ['ru', 'en']) {
  test(`with the editor open, the accessibility scan finds nothing serious (${lang})`, async (t) => {
    const page = await openPage(t, withCode('x = 1\nprint(x +)\n', `&lang=${lang}`));
    await waitReady(page);
    await openEditor(page);
    await page.getByRole('alert').filter({ hasText: 'SyntaxError' }).waitFor();
    await page.evaluate(AXE);
    const violations = await page.evaluate(async () => {
      const result = await window.axe.run(document, { resultTypes: ['violations'] });
      return result.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
    });
    assert.deepEqual(violations, [], violations.join('\n'));
  });
}
