// One program, two views: the listing's fields and the literals they stand for in
// the code are the same data. Editing the list or max_workers in the editor edits
// the fields (and the URL), and the code stays the listing; editing a field edits
// the code, the cursor left where it was; anything else in the code makes it the
// student's own, and "Back to the listing" brings the listing back.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openPage, outputLines, useBrowser, waitReady, waitRunEnd } from './fixture.mjs';

useBrowser();

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

/** Puts the cursor `offset` characters into the editor's line that starts with `start`. */
async function cursorAt(page, start, offset) {
  await page.locator('#code .cm-line').filter({ hasText: start }).first().click();
  await page.keyboard.press('Home');
  for (let i = 0; i < offset; i++) await page.keyboard.press('ArrowRight');
}

/** Whether the page says the code is the student's own (the note, the fields aside). */
const ownCode = (page) => page.evaluate(() => !document.getElementById('own-code').hidden && document.getElementById('listing-fields').disabled);
const url = (page) => new URL(page.url()).searchParams;

test('editing a number in the secs literal edits the secs field and the URL, and Run runs the listing with it', async (t) => {
  const page = await openPage(t, '/?scenario=pool_as_completed&secs=5,0.2,0.1&lang=en');
  await waitReady(page);
  await openEditor(page);
  await cursorAt(page, 'secs = [', 'secs = ['.length);
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.type('2');
  assert.match(await editorText(page), /^secs = \[2, 0\.2, 0\.1\]$/m);
  assert.equal(await page.inputValue('#secs'), '2, 0.2, 0.1');
  assert.equal(url(page).get('secs'), '2, 0.2, 0.1');
  // Still the listing: no note, the fields usable, and no code in the URL once typing settles.
  await page.waitForTimeout(400);
  assert.equal(await ownCode(page), false);
  assert.equal(await page.isVisible('#own-code'), false);
  assert.equal(url(page).has('code'), false);
  await page.click('#run');
  const record = await waitRunEnd(page);
  assert.equal(record.scenario, 'pool_as_completed');
  assert.deepEqual(record.tasks.map((task) => task.call), ['_sleep(2)', '_sleep(0.2)', '_sleep(0.1)']);
  assert.deepEqual((await outputLines(page)).slice(0, 3), ['slept 0.1 sec.', 'slept 0.2 sec.', 'slept 2 sec.']);
});

test('editing max_workers in the code edits the workers field, even through a moment of own code', async (t) => {
  const page = await openPage(t, '/?scenario=pool_submit&secs=0.1,0.1&workers=5&lang=en');
  await waitReady(page);
  await openEditor(page);
  const line = 'with concurrent.futures.ThreadPoolExecutor(max_workers=5';
  await cursorAt(page, 'with concurrent.futures.ThreadPoolExecutor(', line.length);
  // Backspace first: `max_workers=)` is not the listing, for as long as it stays so.
  await page.keyboard.press('Backspace');
  assert.equal(await ownCode(page), true);
  await page.keyboard.type('2');
  assert.equal(await ownCode(page), false);
  assert.equal(await page.inputValue('#workers'), '2');
  assert.equal(url(page).get('workers'), '2');
  await page.waitForTimeout(400);
  assert.equal(url(page).has('code'), false);
  assert.equal(await page.isVisible('#code-error'), false);
  await page.click('#run');
  const record = await waitRunEnd(page);
  assert.equal(record.maxWorkers, 2);
});

test('editing a field edits the literal in the open editor, and the cursor stays where it was', async (t) => {
  const page = await openPage(t, '/?scenario=pool_as_completed&lang=en');
  await waitReady(page);
  await openEditor(page);
  await cursorAt(page, '        print(f.result())', 0);
  await page.keyboard.press('End');
  await page.fill('#secs', '3, 1');
  await page.fill('#workers', '4');
  const text = await editorText(page);
  assert.match(text, /^secs = \[3, 1\]$/m);
  assert.match(text, /ThreadPoolExecutor\(max_workers=4\) as executor:/);
  assert.equal(await ownCode(page), false);
  // Back in the editor, typing goes on where the cursor was.
  await page.focus('#code .cm-content');
  await page.keyboard.type('  # here');
  assert.match(await editorText(page), /^ {8}print\(f\.result\(\)\) {2}# here$/m);
});

test('a line of the student’s own makes it their code; Back to the listing restores the fields and the code', async (t) => {
  const page = await openPage(t, '/?scenario=pool_as_completed&secs=5,4&lang=en');
  await waitReady(page);
  await openEditor(page);
  await cursorAt(page, 'secs = [', 'secs = ['.length);
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.type('2');
  assert.equal(await page.inputValue('#secs'), '2, 4');
  const listing = await editorText(page);
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.type('\nprint("hi")');
  assert.equal(await ownCode(page), true);
  await page.waitForFunction(() => new URL(location.href).searchParams.has('code'));
  // The fields step aside as they were.
  assert.equal(await page.inputValue('#secs'), '2, 4');
  await page.click('#back-to-listing');
  assert.equal(await editorText(page), listing);
  assert.equal(await ownCode(page), false);
  assert.equal(await page.inputValue('#secs'), '2, 4');
  assert.equal(url(page).get('secs'), '2, 4');
  assert.equal(url(page).has('code'), false);
});

test('a number the form refuses is said at its field, as if typed there; a name in the list is own code', async (t) => {
  const page = await openPage(t, '/?scenario=pool_as_completed&secs=5,4&lang=en');
  await waitReady(page);
  await openEditor(page);
  await cursorAt(page, 'secs = [', 'secs = ['.length);
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.type('100');
  // The field takes it and says what is wrong with it; Run waits, the code stays the listing.
  assert.equal(await page.inputValue('#secs'), '100, 4');
  assert.equal(await page.getAttribute('#secs', 'aria-invalid'), 'true');
  assert.match(await page.textContent('#plan-error'), /^secs\[0\]: 100 s is longer than a sleep may be here/);
  assert.equal(await page.isVisible('#plan-error'), true);
  assert.equal(await page.$eval('#run', (b) => b.disabled), true);
  assert.equal(await ownCode(page), false);
  assert.equal(url(page).get('secs'), '100, 4');
  // A name is not a number the listing writes: the code is the student's own.
  await page.keyboard.press('Shift+Home');
  await page.keyboard.type('secs = [x');
  assert.match(await editorText(page), /^secs = \[x, 4\]$/m);
  assert.equal(await ownCode(page), true);
  assert.equal(await page.inputValue('#secs'), '100, 4');
  // Undone back to a good number, it is the listing again, and Run may run.
  await page.keyboard.press('Backspace');
  await page.keyboard.type('1');
  assert.equal(await ownCode(page), false);
  assert.equal(await page.inputValue('#secs'), '1, 4');
  assert.equal(await page.getAttribute('#secs', 'aria-invalid'), null);
  assert.equal(await page.$eval('#run', (b) => b.disabled), false);
});

test('a list shortened past a dozen items is not data: editing the listing then makes it own code', async (t) => {
  const secs = Array.from({ length: 13 }, () => '0.1').join(',');
  const page = await openPage(t, `/?scenario=pool_map&secs=${secs}&workers=5&lang=en`);
  await waitReady(page);
  await openEditor(page);
  assert.match(await editorText(page), /\.\.\. {2}# 13\]/);
  const line = 'with concurrent.futures.ThreadPoolExecutor(max_workers=5';
  await cursorAt(page, 'with concurrent.futures.ThreadPoolExecutor(', line.length);
  await page.keyboard.press('Shift+ArrowLeft');
  await page.keyboard.type('2');
  assert.equal(await ownCode(page), true);
  assert.equal(await page.inputValue('#workers'), '5');
  // Undone, it is the listing again.
  await page.keyboard.press('ControlOrMeta+z');
  assert.equal(await ownCode(page), false);
});
