// Every thread's line in the code panel: during a Python run and in its replay, each
// thread has a marker (`data-thread`, `data-line`) on the line it is at, in the
// highlighted listing and in the editor alike, stepping the replay moves them, and
// they pass an accessibility scan.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import { openPage, useBrowser, waitReady, waitRunEnd } from './fixture.mjs';

useBrowser();

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** What axe finds serious or critical on the page as it is, in `scheme`. */
async function seriousViolations(page, scheme) {
  await page.emulateMedia({ colorScheme: scheme });
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
  });
}

/** Moves the replay to a moment the two threads sleep (100 ms into the second's task). */
function replayWhileBothSleep(page, record) {
  return page.$eval(
    '#replay-slider',
    (slider, ms) => {
      slider.value = String(ms);
      slider.dispatchEvent(new Event('input'));
    },
    Math.round(record.tasks[1].startedMs + 100),
  );
}

const TWO_SLEEPERS = `import threading, time

def sleep(secs):
    time.sleep(secs)
    print(f"slept {secs}")

threads = [threading.Thread(target=sleep, args=[s]) for s in (0.6, 0.3)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("done")
`;

/** The 1-based number of the first line of the program that contains `text`. */
const lineOf = (text) => TWO_SLEEPERS.split('\n').findIndex((line) => line.includes(text)) + 1;
const SLEEP_LINE = lineOf('time.sleep(secs)');
const JOIN_LINE = lineOf('t.join()');

const withCode = (rest) => `/?code=${encodeURIComponent(TWO_SLEEPERS)}&autorun=1&lang=en${rest}`;

/** The markers in the code panel: `[{ thread, line, state, label }]`. */
function markers(page) {
  return page.$$eval('#code .thread-marker', (all) =>
    all.map((m) => ({ thread: Number(m.dataset.thread), line: Number(m.dataset.line), state: m.dataset.state, label: m.getAttribute('aria-label') })),
  );
}

/**
 * Waits for the moment of the run when the main thread is marked on the join line
 * beside two other markers, and returns the markers as they were then. The check runs
 * on every change to the panel's DOM: a loaded machine may draw the page only a few
 * times in the 0.3 s this moment lasts, and a poll between two draws could miss it.
 */
async function waitForJoin(page, where = '#code') {
  return page.evaluate(
    ({ where, joinLine }) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const all = [...document.querySelectorAll(`${where} .thread-marker`)];
          const main = all.find((m) => m.hasAttribute('data-main'));
          if (all.length !== 3 || main?.dataset.line !== String(joinLine)) return;
          observer.disconnect();
          clearTimeout(timer);
          resolve(
            all.map((m) => ({
              thread: Number(m.dataset.thread),
              line: Number(m.dataset.line),
              state: m.dataset.state,
              label: m.getAttribute('aria-label'),
              main: m.hasAttribute('data-main'),
              // In the listing, the line the main thread's marker is on is highlighted too.
              highlighted: m.closest('.line')?.classList.contains('here') ?? null,
            })),
          );
        };
        // The whole document: the editor replaces the element #code names.
        const observer = new MutationObserver(check);
        observer.observe(document.body, { subtree: true, childList: true, attributes: true });
        const timer = setTimeout(() => {
          observer.disconnect();
          reject(new Error('no moment with the main thread on the join line and two other markers'));
        }, 30_000);
        check();
      }),
    { where, joinLine: JOIN_LINE },
  );
}

function assertMidRun(marks, mainThread) {
  const main = marks.filter((m) => m.thread === mainThread);
  const others = marks.filter((m) => m.thread !== mainThread);
  assert.equal(main.length, 1, JSON.stringify(marks));
  assert.equal(main[0].line, JOIN_LINE, `the main thread waits in join(): ${JSON.stringify(marks)}`);
  assert.equal(main[0].state, 'waiting');
  assert.equal(others.length, 2);
  for (const worker of others) {
    assert.equal(worker.line, SLEEP_LINE, `a worker sleeps in time.sleep: ${JSON.stringify(marks)}`);
    assert.equal(worker.state, 'waiting');
    assert.match(worker.label, new RegExp(`Thread-\\d \\(sleep\\): line ${SLEEP_LINE}, waiting`));
  }
}

test('mid-run, the two sleeping threads are marked on time.sleep and the main thread on join', async (t) => {
  const page = await openPage(t, withCode(''));
  const marks = await waitForJoin(page);
  // The run was still going: no record yet.
  assert.equal(await page.evaluate(() => window.potokiLastRecord ?? null), null, 'the markers were read mid-run');
  const main = marks.find((m) => m.main);
  assertMidRun(marks, main.thread);
  assert.match(main.label, new RegExp(`^main · MainThread: line ${JOIN_LINE}, waiting$`));
  // The main thread's marker is what a listing's highlight shows: its line is highlighted.
  assert.equal(main.highlighted, true);
  await waitRunEnd(page);
});

test('each thread’s marker is the colour of its lane on the timeline, in the listing and in the editor', async (t) => {
  const page = await openPage(t, withCode(''));
  const record = await waitRunEnd(page);
  // Back to a moment the three threads had markers, then each marker beside its lane's label.
  await replayWhileBothSleep(page, record);
  const colours = () =>
    page.$$eval('#code .thread-marker', (all) =>
      all.map((m) => ({
        thread: m.dataset.thread,
        marker: getComputedStyle(m).borderTopColor,
        lane: getComputedStyle(document.querySelector(`#timeline .tl-label[data-thread="${m.dataset.thread}"]`)).fill,
      })),
    );
  const check = (seen) => {
    assert.equal(seen.length, 3, JSON.stringify(seen));
    for (const { thread, marker, lane } of seen) assert.equal(marker, lane, `thread ${thread}: marker ${marker}, lane ${lane}`);
    // Three threads, three colours: the colour tells them apart.
    assert.equal(new Set(seen.map((s) => s.marker)).size, 3, JSON.stringify(seen));
  };
  check(await colours());
  await page.focus('.code pre');
  await page.waitForSelector('#code .cm-thread-gutter .thread-marker');
  check(await colours());
});

test('after the run, stepping the replay back moves the markers', async (t) => {
  const page = await openPage(t, withCode(''));
  const record = await waitRunEnd(page);
  // At the end every thread is done: no marker is left.
  assert.deepEqual(await markers(page), []);
  const seen = [];
  const mainLine = async () => (await markers(page)).find((m) => m.thread === record.mainThread)?.line ?? null;
  for (let step = 0; step < 40 && (await page.$eval('#replay-slider', (s) => Number(s.dataset.now))) > 0; step += 1) {
    await page.click('#replay-prev');
    const line = await mainLine();
    if (seen.at(-1) !== line) seen.push(line);
  }
  // Back from the end: the main thread reappears on its join line, then moves back to
  // the start() line it was on before.
  assert.ok(seen.includes(JOIN_LINE), `lines seen: ${seen}`);
  const startLine = lineOf('t.start()');
  assert.ok(seen.indexOf(startLine) > seen.indexOf(JOIN_LINE), `the main thread's marker moved from ${JOIN_LINE} back to ${startLine}: ${seen}`);
  // Somewhere in between, the replay shows the same three markers as the live run did.
  const slider = await page.$('#replay-slider');
  await slider.evaluate((s, ms) => {
    s.value = String(ms);
    s.dispatchEvent(new Event('input'));
  }, Math.round(record.tasks[1].startedMs + 100));
  assertMidRun(await markers(page), record.mainThread);
});

test('with the editor open, the markers are in its gutter inside #code, live and in the replay', async (t) => {
  const page = await openPage(t, `/?code=${encodeURIComponent(TWO_SLEEPERS)}&lang=en`);
  await waitReady(page);
  // The editor first (the student focuses the code), then Run.
  await page.focus('.code pre');
  await page.waitForSelector('#code .cm-content[role="textbox"]');
  await page.click('#run');
  const live = await waitForJoin(page, '#code .cm-thread-gutter');
  assertMidRun(live, live.find((m) => m.main).thread);
  const record = await waitRunEnd(page);
  // In the replay, the slider's moment while both threads sleep shows them again.
  await replayWhileBothSleep(page, record);
  assertMidRun(await markers(page), record.mainThread);
  // Each marker sits in the gutter beside its own line.
  const placed = await page.$$eval('#code .cm-thread-gutter .cm-gutterElement', (elements) =>
    elements.flatMap((element) => [...element.querySelectorAll('.thread-marker')].map((m) => ({ line: Number(m.dataset.line), top: element.getBoundingClientRect().top }))),
  );
  const lineTops = await page.$$eval('#code .cm-content .cm-line', (lines) => lines.map((line) => line.getBoundingClientRect().top));
  assert.equal(placed.length, 3);
  for (const { line, top } of placed) assert.ok(Math.abs(lineTops[line - 1] - top) < 2, `marker of line ${line} beside it`);
  // A step on: the next thing that happens is the shorter sleep ending, its thread running again.
  await page.click('#replay-next');
  const after = await markers(page);
  assert.ok(after.some((m) => m.state === 'running'), JSON.stringify(after));
});

test('the markers pass an accessibility scan, light and dark, waiting and running', async (t) => {
  const page = await openPage(t, withCode(''));
  const record = await waitRunEnd(page);
  // While both sleep, then a step on: the shorter sleep ends, its thread runs again
  // while the other and the main thread still wait.
  await replayWhileBothSleep(page, record);
  await page.click('#replay-next');
  const states = new Set((await markers(page)).map((m) => m.state));
  assert.deepEqual([...states].sort(), ['running', 'waiting']);
  for (const scheme of ['light', 'dark']) {
    const violations = await seriousViolations(page, scheme);
    assert.deepEqual(violations, [], `${scheme}: ${violations.join('\n')}`);
  }
});
