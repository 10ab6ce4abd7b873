// The picture of a run: one lane per thread (the program's main thread first), one
// bar per task from its start to its finish, drawn as the run goes. Waiting
// (sleep, a server) is hatched, waiting for a free connection dotted, receiving
// bytes striped, computing solid: told apart by pattern, not only by colour. A
// Python thread's bar is solid while it runs, hatched while it waits (sleep, join,
// a lock), and cross-hatched while it stands ready but another thread holds the GIL.
// Markers on the main thread's lane show when it submitted each task and when it
// *received* each result — what tells `result()` in order from `as_completed`.

import { t } from '../i18n.js';
import { seconds, threadLabel } from './format.js';
import { pythonViews, readyToDraw } from '../python-views.js';

const SVG = 'http://www.w3.org/2000/svg';
/** Above this many tasks, bars closer than a pixel are drawn as one (see `#dense`). */
const DENSE = 400;
const LAYOUT = {
  full: { lane: 28, bar: 18, label: 96, axis: 28, top: 22, right: 14 },
  compact: { lane: 10, bar: 7, label: 0, axis: 0, top: 2, right: 4 },
};

function el(name, attrs = {}, parent = null) {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, String(value));
  parent?.append(node);
  return node;
}

/** A round axis length ≥ ms: 1, 2 or 5 times a power of ten. */
export function niceCeil(ms) {
  const floor = 10 ** Math.floor(Math.log10(Math.max(ms, 1)));
  return [1, 2, 5, 10].map((f) => f * floor).find((v) => v >= ms);
}

/** Threads in lane order: the main thread, then the others by their first start. */
export function lanesOf(record) {
  const first = new Map();
  for (const task of record.tasks) {
    if (task.thread === null || task.startedMs === null) continue;
    if (!first.has(task.thread) || first.get(task.thread) > task.startedMs) first.set(task.thread, task.startedMs);
  }
  const others = [...first.keys()].filter((thread) => thread !== record.mainThread).sort((a, b) => first.get(a) - first.get(b));
  return record.mainThread === null ? others : [record.mainThread, ...others];
}

/** Colours for the threads besides the main one (style.css, `--thread-N`), round
 *  again past the last. */
const THREAD_COLOURS = 7;

/**
 * The colour of the thread in lane `index` of `lanes` (lanesOf; an index past the end
 * is a thread with no lane yet): 0, the text's own, for the main thread; 1 to 7 for
 * the others in lane order. A thread is one colour wherever it is drawn: its lane's
 * label here, its marker in the code (thread-lines.js), through style.css's
 * `[data-colour]`.
 */
export function laneColour(index, lanes, mainThread) {
  if (mainThread !== null && lanes[index] === mainThread) return 0;
  const first = mainThread !== null && lanes[0] === mainThread ? 1 : 0;
  return ((index - first) % THREAD_COLOURS) + 1;
}

/** The pieces of a task's bar up to `now`: `[class, from, to]`. `lines`: the
 *  task's thread's `line` events (Python runs). */
function segments(task, now, lines = []) {
  const end = task.finishedMs ?? now;
  if (task.kind === 'compute') return [['busy', task.startedMs, end]];
  if (task.kind === 'python') return pythonViews().pythonWaits(task, end, lines);
  if (task.kind !== 'download' || !task.download) return [['wait', task.startedMs, end]];
  const d = task.download;
  const asked = d.requestMs ?? d.sentMs;
  return [
    ['queue', d.sentMs, asked],
    ['wait', asked, d.firstByteMs],
    ['transfer', d.firstByteMs, d.lastByteMs],
  ].filter(([, from, to]) => to > from);
}

/** What a task's bar says on hover and focus; `gilMs`: how long its thread waited
 *  for the GIL while it ran. */
export function describe(task, mainThread, gilMs = 0) {
  const thread = task.thread === null ? t('none') : `${threadLabel(task.thread, mainThread)} (${task.threadName})`;
  const result = 'error' in task ? task.error : task.ok === undefined ? t('none') : String(task.ok ?? 'None');
  return t('barDetail', {
    task: task.index,
    call: task.call,
    thread,
    started: seconds(task.startedMs),
    finished: seconds(task.finishedMs),
    delivered: seconds(task.deliveredMs),
    result,
  }) + (gilMs >= 0.5 ? t('barGil', { waited: seconds(gilMs) }) : '');
}

export class Timeline {
  #svg;
  #detail;
  #size;
  #compact;
  #focused = 0;
  #record = null;
  /** The drawing's width, kept up to date by a ResizeObserver: reading clientWidth
   *  while drawing would force a layout of the whole page every frame. */
  #width = 0;
  #now = 0;
  #options = {};

  /** `detail`: where the focused or hovered bar is described (a live region). */
  constructor(svg, detail = null, { compact = false } = {}) {
    this.#svg = svg;
    this.#detail = detail;
    this.#compact = compact;
    this.#size = compact ? LAYOUT.compact : LAYOUT.full;
    if (!compact) this.#listen();
    const box = svg.parentElement;
    if (box) {
      new ResizeObserver(([entry]) => {
        const width = Math.round(entry.contentRect.width);
        if (width === this.#width) return;
        this.#width = width;
        if (this.#record) this.render(this.#record, this.#now, this.#options);
      }).observe(box);
    }
  }

  #listen() {
    // One tab stop for the whole picture; arrow keys walk its bars.
    this.#svg.addEventListener('keydown', (event) => {
      const bars = [...this.#svg.querySelectorAll('.tl-task')];
      if (!bars.length) return;
      const at = bars.findIndex((bar) => bar === document.activeElement);
      const moves = { ArrowRight: at + 1, ArrowDown: at + 1, ArrowLeft: at - 1, ArrowUp: at - 1, Home: 0, End: bars.length - 1 };
      if (!(event.key in moves)) return;
      event.preventDefault();
      const next = Math.min(Math.max(moves[event.key], 0), bars.length - 1);
      this.#focused = Number(bars[next].dataset.task);
      bars[next].focus();
    });
    const show = (event) => {
      const bar = event.target.closest?.('.tl-task');
      if (bar && this.#detail) this.#detail.textContent = bar.getAttribute('aria-label');
    };
    this.#svg.addEventListener('focusin', show);
    this.#svg.addEventListener('pointerover', show);
  }

  /**
   * Draws `record` as it stood at `now` ms (bars still running end there).
   * `scaleMs`: the length of the time axis (the compare view shares one).
   */
  render(record, now, options = {}) {
    const { scaleMs } = options;
    this.#record = record;
    this.#now = now;
    this.#options = options;
    // A Python run's GIL waits are drawn by a module loaded on first need.
    if (!readyToDraw(record, this, () => this.render(this.#record, this.#now, this.#options))) return;
    const s = this.#size;
    const lanes = lanesOf(record);
    const width = Math.max(this.#width || 640, 280);
    const end = scaleMs ?? niceCeil(Math.max(record.wallMs ?? now, 1));
    const x = (ms) => s.label + ((width - s.label - s.right) * Math.min(Math.max(ms, 0), end)) / end;
    const laneY = (thread) => s.top + lanes.indexOf(thread) * s.lane;
    const height = s.top + Math.max(lanes.length, 1) * s.lane + s.axis;
    const svg = this.#svg;
    svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
    svg.setAttribute('width', width);
    svg.setAttribute('height', height);
    // The scale, for anyone holding the picture against the record (the tests do).
    Object.assign(svg.dataset, { axisMs: end, plotLeft: s.label, plotRight: width - s.right });
    const id = svg.id || 'tl';

    const root = document.createDocumentFragment();
    const defs = el('defs', {}, root);
    const pattern = (name, draw) => {
      const p = el('pattern', { id: `${id}-${name}`, width: 6, height: 6, patternUnits: 'userSpaceOnUse' }, defs);
      draw(p);
    };
    // Each pattern paints its own background, so a segment is one rect.
    pattern('hatch', (p) => {
      el('rect', { width: 6, height: 6, class: 'tl-pattern-wait' }, p);
      el('path', { d: 'M-1,1 l2,-2 M0,6 l6,-6 M5,7 l2,-2', class: 'tl-pattern-line' }, p);
    });
    pattern('dots', (p) => {
      el('rect', { width: 6, height: 6, class: 'tl-pattern-queue' }, p);
      el('circle', { cx: 3, cy: 3, r: 1.3, class: 'tl-pattern-dot' }, p);
    });
    pattern('stripes', (p) => {
      el('rect', { width: 6, height: 6, class: 'tl-pattern-transfer' }, p);
      el('path', { d: 'M2,0 v6', class: 'tl-pattern-line-light' }, p);
    });
    // Both diagonals: told apart from the waits' single hatch by shape, not colour.
    pattern('gil', (p) => {
      el('rect', { width: 6, height: 6, class: 'tl-pattern-gil' }, p);
      el('path', { d: 'M-1,1 l2,-2 M0,6 l6,-6 M5,7 l2,-2 M-1,5 l2,2 M0,0 l6,6 M5,-1 l2,2', class: 'tl-pattern-gil-line' }, p);
    });

    // Lanes, with their names.
    lanes.forEach((thread, i) => {
      const y = s.top + i * s.lane;
      el('rect', { x: 0, y, width, height: s.lane, class: i % 2 ? 'tl-lane' : 'tl-lane tl-lane-odd' }, root);
      if (s.label) {
        const colour = laneColour(i, lanes, record.mainThread);
        const label = el('text', { x: 6, y: y + s.lane / 2, class: 'tl-label', 'dominant-baseline': 'central', 'data-thread': thread, 'data-colour': colour }, root);
        label.textContent = thread === record.mainThread ? t('mainThreadLane') : threadLabel(thread, record.mainThread);
      }
    });

    // Axis in seconds.
    if (s.axis) {
      const axisY = height - s.axis + 4;
      const step = niceCeil(end / 6);
      for (let ms = 0; ms <= end + 0.5; ms += step) {
        el('line', { x1: x(ms), x2: x(ms), y1: s.top, y2: axisY, class: 'tl-grid' }, root);
        const label = el('text', { x: x(ms), y: axisY + 12, class: 'tl-tick', 'text-anchor': 'middle' }, root);
        label.textContent = `${(ms / 1000).toFixed(step < 100 ? 2 : step < 1000 ? 1 : 0)} s`;
      }
    }

    // Bars.
    const bars = el('g', { class: 'tl-bars' }, root);
    const dense = record.tasks.length > DENSE;
    // Waits less than half a pixel apart are drawn as one stretch. Only a Python
    // run has any, and then its views are in (readyToDraw above).
    const python = pythonViews();
    const gil = python ? python.gilStretches(record, now, (0.5 * end) / Math.max(width - s.label - s.right, 1)) : new Map();
    const linesOf = new Map();
    for (const line of record.lines ?? []) {
      if (!linesOf.has(line.thread)) linesOf.set(line.thread, []);
      linesOf.get(line.thread).push(line);
    }
    if (dense) this.#dense(record, now, { bars, lanes, laneY, x, s });
    for (const task of dense ? [] : record.tasks) {
      if (task.startedMs === null || task.startedMs > now || !lanes.includes(task.thread)) continue;
      const y = laneY(task.thread) + (s.lane - s.bar) / 2;
      const failed = 'error' in task && (task.finishedMs ?? Infinity) <= now;
      const g = el('g', {
        class: `tl-task tl-${task.kind}${failed ? ' tl-failed' : ''}`,
        'data-task': task.index,
        'data-thread': task.thread,
      }, bars);
      if (!this.#compact) {
        g.setAttribute('role', 'img');
        g.setAttribute('tabindex', task.index === this.#focused ? '0' : '-1');
        const said = describe(task, record.mainThread, python ? python.gilWaitedMs(gil, task.thread, task.startedMs, task.finishedMs ?? now) : 0);
        g.setAttribute('aria-label', said);
        el('title', {}, g).textContent = said;
      }
      const endMs = Math.min(task.finishedMs ?? now, now);
      el('rect', { x: x(task.startedMs), y, width: Math.max(x(endMs) - x(task.startedMs), 1.5), height: s.bar, class: 'tl-bar' }, g);
      const patterns = { wait: 'hatch', queue: 'dots', transfer: 'stripes' };
      for (const [kind, from, to] of segments(task, now, linesOf.get(task.thread))) {
        const a = x(Math.min(from, now));
        const b = x(Math.min(to, now));
        if (b - a < 0.5 || !patterns[kind]) continue; // computing is the bar itself: solid
        el('rect', { x: a, y, width: b - a, height: s.bar, class: `tl-seg tl-seg-${kind}`, fill: `url(#${id}-${patterns[kind]})` }, g);
      }
    }

    // The GIL waits, over the bars: a thread's wait may begin before its task does
    // (a new thread needs the GIL to start), and the main thread has no bar at all.
    // The bars' own labels say how long each waited; these are only the picture.
    const waits = el('g', { class: 'tl-gil-waits', 'aria-hidden': 'true' }, root);
    for (const [thread, stretches] of gil) {
      if (!lanes.includes(thread)) continue;
      const y = laneY(thread) + (s.lane - s.bar) / 2;
      for (const [from, to] of stretches) {
        el('rect', { x: x(from), y, width: Math.max(x(to) - x(from), 1), height: s.bar, class: 'tl-gil', 'data-thread': thread, fill: `url(#${id}-gil)` }, waits);
      }
    }

    // The main thread's side: each submission, and when each result reached it.
    if (record.mainThread !== null && lanes.length && !dense) {
      const mainY = laneY(record.mainThread);
      const marks = el('g', { class: 'tl-marks', 'aria-hidden': 'true' }, root);
      for (const task of record.tasks) {
        if (task.submittedMs !== null && task.submittedMs <= now && task.thread !== record.mainThread) {
          el('line', { x1: x(task.submittedMs), x2: x(task.submittedMs), y1: mainY + 2, y2: mainY + s.lane / 2, class: 'tl-submit' }, marks);
        }
        if (task.deliveredMs === null || task.deliveredMs > now || task.thread === record.mainThread) continue;
        if (task.finishedMs !== null && lanes.includes(task.thread)) {
          el('line', { x1: x(task.finishedMs), y1: laneY(task.thread) + s.lane / 2, x2: x(task.deliveredMs), y2: mainY + s.lane / 2, class: 'tl-link' }, marks);
        }
        el('circle', { cx: x(task.deliveredMs), cy: mainY + s.lane / 2, r: this.#compact ? 1.8 : 3.5, class: 'tl-delivered', 'data-task': task.index }, marks);
      }
      const took = record.output.find((line) => line.thread === record.mainThread && line.text.startsWith('it took'));
      if (took && took.tMs <= now) {
        el('line', { x1: x(took.tMs), x2: x(took.tMs), y1: 2, y2: height - s.axis, class: 'tl-took' }, marks);
        if (!this.#compact) {
          const label = el('text', { x: x(took.tMs) + 4, y: 12, class: 'tl-took-label' }, marks);
          label.textContent = took.text;
          if (x(took.tMs) > width * 0.7) {
            label.setAttribute('x', x(took.tMs) - 4);
            label.setAttribute('text-anchor', 'end');
          }
        }
      }
    }
    if (record.wallMs === null || now < record.wallMs) {
      el('line', { x1: x(now), x2: x(now), y1: 0, y2: height - s.axis, class: 'tl-now' }, root);
    }
    svg.replaceChildren(root);
    if (this.#detail && dense) this.#detail.textContent = t('denseTimeline');
  }

  /**
   * Thousands of tasks: one rect per stretch of a lane where the thread was busy,
   * bars less than a pixel apart drawn as one, so the picture stays a few hundred
   * elements and the page stays smooth. The task table and the record keep the
   * details.
   */
  #dense(record, now, { bars, lanes, laneY, x, s }) {
    const byLane = new Map(lanes.map((thread) => [thread, []]));
    for (const task of record.tasks) {
      if (!task || task.startedMs === null || task.startedMs > now || !byLane.has(task.thread)) continue;
      byLane.get(task.thread).push([task.startedMs, Math.min(task.finishedMs ?? now, now), task.kind]);
    }
    for (const [thread, spans] of byLane) {
      spans.sort((a, b) => a[0] - b[0]);
      const y = laneY(thread) + (s.lane - s.bar) / 2;
      let current = null;
      const flush = () => {
        if (!current) return;
        const [from, to, kind] = current;
        const g = el('g', { class: `tl-span tl-${kind}`, 'data-thread': thread }, bars);
        el('rect', { x: x(from), y, width: Math.max(x(to) - x(from), 1), height: s.bar, class: 'tl-bar' }, g);
        current = null;
      };
      for (const span of spans) {
        if (current && x(span[0]) - x(current[1]) < 1) current[1] = Math.max(current[1], span[1]);
        else {
          flush();
          current = [...span];
        }
      }
      flush();
    }
  }

  /** A standalone copy of the picture: the page's styles written onto its elements. */
  exportSvg() {
    const copy = this.#svg.cloneNode(true);
    copy.setAttribute('xmlns', SVG);
    const live = [this.#svg, ...this.#svg.querySelectorAll('*')];
    const copies = [copy, ...copy.querySelectorAll('*')];
    const background = getComputedStyle(this.#svg).backgroundColor;
    live.forEach((node, i) => {
      const style = getComputedStyle(node);
      for (const property of ['fill', 'stroke', 'stroke-width', 'stroke-dasharray', 'opacity', 'font-size', 'font-family', 'font-weight']) {
        if (copies[i].hasAttribute(property) && property === 'fill') continue; // patterns keep their url()
        copies[i].setAttribute(property, style.getPropertyValue(property));
      }
      copies[i].removeAttribute('class');
      copies[i].removeAttribute('tabindex');
    });
    const bg = document.createElementNS(SVG, 'rect');
    bg.setAttribute('width', '100%');
    bg.setAttribute('height', '100%');
    bg.setAttribute('fill', background === 'rgba(0, 0, 0, 0)' ? '#ffffff' : background);
    copy.prepend(bg);
    return new XMLSerializer().serializeToString(copy);
  }

  get record() {
    return this.#record;
  }
}
