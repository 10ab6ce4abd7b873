// What the page shows of a run — output, task table, timeline, the main thread's
// line in the code (in a Python run, every thread's) — drawn from one record at one moment. Live, the record grows
// from events and the moment is now; in a replay the moment is the slider's.
// Drawing happens once per animation frame, however many events came in it.

import { applyEvent, emptyRecord } from './run-model.js';
import { mainThreadRole } from './main-thread.js';
import { pythonViews, readyToDraw } from './python-views.js';

/** Above this many tasks a live run is drawn a few times a second, not every frame. */
const BIG_RUN = 300;
const BIG_RUN_EVERY_MS = 200;

export class Scene {
  record = null;
  now = 0;
  /** 'idle' | 'live' | 'replay' */
  mode = 'idle';
  #views;
  #onDraw;
  #started = 0;
  #frame = 0;
  #lastDraw = -Infinity;

  /** `views`: `{ output, table, timeline, code }`; `onDraw(now)` after each drawing. */
  constructor(views, onDraw = () => {}) {
    this.#views = views;
    this.#onDraw = onDraw;
  }

  /** A run starts: its record will come from `apply`. */
  live() {
    this.record = emptyRecord();
    this.mode = 'live';
    this.now = 0;
    this.#started = performance.now();
    this.#views.output.clear();
    this.#views.table.clear();
    this.#schedule();
  }

  apply(event) {
    this.record = applyEvent(this.record, event);
    if (event.type === 'begin') this.#views.output.setMainThread(event.mainThread);
  }

  /** Shows a whole record (a finished run, or one loaded from a file) at its end.
   *  What a live run already drew stays: only what changed is touched. */
  show(record) {
    cancelAnimationFrame(this.#frame);
    const fresh = this.mode !== 'live';
    this.record = record;
    this.mode = 'replay';
    if (fresh) {
      this.#views.output.clear(record.mainThread);
      this.#views.table.clear();
    }
    this.seek(record.wallMs);
  }

  /** Draws everything anew (after a language switch: labels already drawn change too). */
  refresh() {
    this.#views.output.clear(this.record?.mainThread ?? null);
    if (!this.record) return;
    this.#views.table.clear();
    this.draw();
  }

  /** Moves a replay to `ms`. */
  seek(ms) {
    if (!this.record) return;
    this.now = Math.min(Math.max(ms, 0), this.record.wallMs ?? ms);
    this.draw();
  }

  #schedule() {
    cancelAnimationFrame(this.#frame);
    this.#frame = requestAnimationFrame(() => {
      if (this.mode !== 'live') return;
      this.now = performance.now() - this.#started;
      const big = this.record.tasks.length > BIG_RUN;
      if (!big || this.now - this.#lastDraw >= BIG_RUN_EVERY_MS) this.draw();
      this.#schedule();
    });
  }

  /** Draws every view at `this.now`. */
  draw() {
    const { record } = this;
    if (!record) return;
    // A Python run's lines and GIL waits are drawn by modules loaded on first need.
    if (!readyToDraw(record, this, () => this.draw())) return;
    this.#lastDraw = this.now;
    // Live, every event received is shown, even one stamped a hair after our clock.
    const cut = this.mode === 'live' ? Infinity : this.now;
    this.#views.output.showUpTo(record.output, cut);
    this.#views.table.showAt(record, cut);
    this.#views.timeline.render(record, this.now);
    // A Python run says each thread's line (`line` events); a listing's main thread
    // is placed by what it has done so far (main-thread.js).
    const python = record.scenario === 'python';
    this.#views.code.showThreads(python ? pythonViews().threadLinesAt(record, cut) : []);
    this.#views.code.mark(record.scenario && !python ? mainThreadRole(record, this.now) : null);
    this.#onDraw(this.now);
  }
}
