// The GIL made visible: two threads that count, run from a link. With the GIL on they
// take turns, and the timeline draws each thread's turns waiting for it (cross-hatched,
// with a legend entry, in the page and in the SVG export); without the GIL there is
// nothing to draw. The compare view says which run had the GIL.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { openPage, useBrowser, waitRunEnd } from './fixture.mjs';

useBrowser();

// CPU-bound: neither thread ever lets go of the GIL by itself, so with the GIL on
// the interpreter hands it over every few ms and each thread waits half the time.
const TWO_SPINNERS = `import threading

def spin():
    n = 0
    for i in range(3_000_000):
        n += i

threads = [threading.Thread(target=spin) for _ in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
`;

const link = (rest = '') => `/?code=${encodeURIComponent(TWO_SPINNERS)}&autorun=1&lang=en${rest}`;
// The machine is shared and noisy: 3M iterations take a second or two, give them more.
const RUN_MS = 90_000;

/** How many GIL-wait rects the page's timeline has on `thread`'s lane. */
const gilRects = (page, thread) => page.$$eval(`#timeline .tl-gil[data-thread="${thread}"]`, (rects) => rects.length);

test('GIL on: each counting thread’s lane shows its waits for the GIL, the legend names them, the SVG keeps them', async (t) => {
  const page = await openPage(t, link(), { locale: 'en-US' });
  const record = await waitRunEnd(page, RUN_MS);
  assert.equal(record.error, null);
  assert.equal(record.gil, true);
  assert.equal(record.tasks.length, 2);
  for (const task of record.tasks) {
    assert.ok(record.gilWaits.some((wait) => wait.thread === task.thread), `thread ${task.thread} waited for the GIL`);
    assert.ok((await gilRects(page, task.thread)) > 0, `GIL waits drawn on thread ${task.thread}'s lane`);
    // The bar's accessible text says how long its thread waited.
    const said = await page.getAttribute(`#timeline .tl-task[data-task="${task.index}"]`, 'aria-label');
    assert.match(said, /waited for the GIL \d+\.\d{3} s$/);
  }
  // Drawn in a pattern of their own, distinct from a wait's hatch.
  assert.equal(await page.$eval('#timeline .tl-gil', (rect) => rect.getAttribute('fill')), 'url(#timeline-gil)');
  assert.equal(await page.$$eval('#timeline pattern#timeline-gil', (p) => p.length), 1);
  // The legend has the entry, in the page's language.
  const legend = page.locator('.legend li', { has: page.locator('.swatch-gil') });
  assert.equal(await legend.isVisible(), true);
  assert.match(await legend.textContent(), /^waiting for the GIL/);
  await page.selectOption('#lang', 'ru');
  assert.match(await legend.textContent(), /^ждёт GIL/);

  // The SVG export keeps the pattern and the waits.
  const [svg] = await Promise.all([page.waitForEvent('download'), page.click('#export-svg')]);
  const picture = readFileSync(await svg.path(), 'utf8');
  assert.match(picture, /<pattern id="timeline-gil"/);
  assert.ok((picture.match(/fill="url\(#timeline-gil\)"/g) ?? []).length >= 2);
});

test('GIL off (gil=0): the same program shows no GIL waits', async (t) => {
  const page = await openPage(t, link('&gil=0'), { locale: 'en-US' });
  const record = await waitRunEnd(page, RUN_MS);
  assert.equal(record.error, null);
  assert.equal(record.gil, false);
  assert.deepEqual(record.gilWaits, []);
  assert.equal(await page.$$eval('#timeline .tl-task', (bars) => bars.length), 2);
  assert.equal(await page.$$eval('#timeline .tl-gil', (rects) => rects.length), 0);
  for (const label of await page.$$eval('#timeline .tl-task', (bars) => bars.map((bar) => bar.getAttribute('aria-label')))) {
    assert.doesNotMatch(label, /GIL/);
  }
});

test('the compare view labels the same code run with the GIL on, then off', async (t) => {
  const page = await openPage(t, link(), { locale: 'en-US' });
  const first = await waitRunEnd(page, RUN_MS);
  assert.equal(first.gil, true);
  await page.getByRole('switch', { name: 'GIL' }).uncheck();
  await page.click('#run');
  await page.waitForFunction(
    () => document.getElementById('app').dataset.state === 'done' && window.potokiLastRecord?.gil === false,
    null,
    { timeout: RUN_MS },
  );
  await page.waitForFunction(() => document.querySelectorAll('#compare li').length === 2);
  const rows = () => page.$$eval('#compare li', (items) => items.map((item) => [item.dataset.gil, item.querySelector('.compare-label').textContent]));
  const [on, off] = await rows();
  assert.equal(on[0], 'on');
  assert.match(on[1], /^GIL on · your code · 2 × spin: [\d.]+ s/);
  assert.equal(off[0], 'off');
  assert.match(off[1], /^GIL off · your code · 2 × spin: [\d.]+ s/);
  // Only the GIL waits tell the two pictures apart at a glance.
  assert.ok(await page.$$eval('#compare-0 .tl-gil', (rects) => rects.length) > 0);
  assert.equal(await page.$$eval('#compare-1 .tl-gil', (rects) => rects.length), 0);
  // In Russian, the same rows say «с GIL» and «без GIL».
  await page.selectOption('#lang', 'ru');
  const [onRu, offRu] = await rows();
  assert.match(onRu[1], /^с GIL · ваш код · /);
  assert.match(offRu[1], /^без GIL · ваш код · /);
});
