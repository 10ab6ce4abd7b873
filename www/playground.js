// The playground under potoki's JS API (potoki.js adds `toTrace`; README, "The JS API"):
// the lesson's listings and the student's Python, on real threads in a cross-origin
// isolated page, else on the single-threaded build (`threaded: false`). The pool starts
// once per page: every createPlayground returns the same playground.

import { applyEvent, emptyRecord } from './run-model.js';

/** Pool size when none is asked for: the lesson's 12 downloads, a main thread and spare. */
export const DEFAULT_THREADS = 16;

let playground = null;

/**
 * Loads the wasm module and starts the pool of Web Workers.
 * @param {{ threads?: number }} [options] pool size (2…64); only the first call's counts.
 * @returns {Promise<Playground>}
 */
export function createPlayground({ threads } = {}) {
  playground ??= start(threads ?? DEFAULT_THREADS).catch((error) => {
    playground = null; // let a later call try again
    throw error;
  });
  return playground;
}

/** Whether this page may run real threads: shared memory needs cross-origin isolation. */
export function canThread() {
  return globalThis.crossOriginIsolated === true && typeof SharedArrayBuffer === 'function';
}

const START_ATTEMPTS = 3; // see startRace

async function start(threads) {
  const build = canThread() ? './pkg/potoki.js' : './pkg-single/potoki.js';
  for (let attempt = 1; ; attempt++) {
    // A new URL (a query) is a new module instance: a failed one cannot be reused.
    const wasm = await import(attempt === 1 ? build : `${build}?attempt=${attempt}`);
    const { memory } = await wasm.default();
    const cores = navigator.hardwareConcurrency || 1;
    const workers = [];
    try {
      await withWorkersSeen(workers, () => wasm.startPool(threads, cores));
    } catch (error) {
      for (const worker of workers) worker.terminate();
      if (attempt < START_ATTEMPTS && startRace(error)) continue;
      throw error;
    }
    const playground = new Playground(wasm, threads, cores, memory);
    // A worker that traps says so (src/web/workers.rs, `watchForTrap`).
    for (const worker of workers) {
      worker.addEventListener('message', ({ data }) => {
        if (data?.type === 'potoki_worker_trapped') playground.workerTrapped(data.message);
      });
    }
    return playground;
  }
}

/** A start lost to wasm-bindgen-rayon#36 (docs/architecture.md, "Starting the pool"). */
function startRace(error) {
  return /Atomics\.wait cannot be called in this context/.test(String(error?.message ?? error));
}

/** Runs the pool's start, collecting the Web Workers it makes into `workers` (wasm-bindgen-rayon
 *  keeps them to itself, and only their `Worker` objects hear what a worker posts). */
async function withWorkersSeen(workers, start) {
  const Native = globalThis.Worker;
  if (Native) {
    globalThis.Worker = class extends Native {
      constructor(...args) {
        super(...args);
        workers.push(this);
      }
    };
  }
  try {
    await start();
  } finally {
    globalThis.Worker = Native;
  }
}

/** Fewer workers than this left and no listing can run: only a reload helps. */
const FEWEST_THREADS = 2;

class Playground {
  #wasm;
  #memory;
  /** Set when the pool cannot be trusted any more: only a reload helps. */
  #broken = null;
  /** Fails the run in progress at once (the page's own thread panicked). */
  #failRun = null;
  /** A run was asked for and has not ended. */
  #running = false;

  constructor(wasm, threads, cores, memory) {
    this.#wasm = wasm;
    this.#memory = memory;
    // A panic on the page's own thread (src/web/panic.rs): its state is gone.
    globalThis.addEventListener('potoki:panic', (event) => {
      this.#broken = new Error(`the page's own thread failed (${event.detail}). Reload the page.`);
      this.#failRun?.(this.#broken);
    });
    /** Real Web Worker threads run the tasks (false: simulated on the page's one thread). */
    this.threaded = wasm.threaded();
    /** Threads in the pool, the lesson's main thread included. */
    this.threads = threads;
    /** `navigator.hardwareConcurrency`, Python's `os.cpu_count()`. */
    this.cores = cores;
  }

  /** Bytes of wasm memory: 384 MiB from the start (.cargo/config.toml); leaks show in `heapBytes`. */
  get memoryBytes() {
    return this.#memory.buffer.byteLength;
  }

  /** Bytes the wasm heap holds now, by every thread: flat across runs means no leak. */
  get heapBytes() {
    return this.#wasm.heapBytes();
  }

  /**
   * A worker of the pool trapped (a wasm error that is no panic): what it held (a
   * lock, the GIL, a thread of the run) is gone with it, so the run fails now, not
   * at its deadline, and the pool is given up.
   */
  workerTrapped(message) {
    this.#broken = new Error(
      `a thread of the pool has died (${message}). Reload the page to start new threads.`,
    );
    this.#failRun?.(this.#broken);
  }

  /** Whether the pool cannot run anything any more: then only a reload helps. */
  get broken() {
    return this.#broken !== null;
  }

  /** Workers of the pool still alive: one fewer for each that died. */
  get threadsLeft() {
    return Math.min(this.threads, this.#wasm.threadsLeft());
  }

  /**
   * Checks a plan without running it. A Python program (`{ code }`) is parsed and
   * checked against the interpreter's subset first.
   * @returns the checked plan: `{ scenario, secs, maxWorkers, workers: { from }, threadsNeeded }`
   * @throws {Error} naming the bad field, e.g. `secs[3]: "abc" is not a number`; for
   *   code, `SyntaxError: invalid syntax (line 2)` with `.line`, `.col` and `.type`
   */
  check(plan) {
    if (plan?.code !== undefined && plan?.code !== null) this.#wasm.checkPython(String(plan.code));
    return JSON.parse(this.#wasm.checkPlan(plan));
  }

  /**
   * A listing runs as its Python: the page's text of it, its list in it (README,
   * "The JS API").
   */
  async #asPython(plan) {
    // Said, not ignored: an embedder who asked for the Rust listings would otherwise
    // get something else without a word.
    if (plan?.python === false) throw new Error('python: false is gone: every listing runs as its Python');
    const listing = plan?.scenario != null && plan.code == null;
    if (!listing) return plan;
    const { listingCode } = await import('./listing-code.js');
    return { ...plan, code: listingCode(this.check(plan)) };
  }

  /**
   * Runs a plan. `onEvent` gets every event on arrival; `signal` stops the run.
   * One run at a time: a second call while one goes rejects.
   * @returns {Promise<object>} the run record (docs/architecture.md, "The run record")
   */
  async run(plan, { onEvent, signal } = {}) {
    signal?.throwIfAborted();
    if (this.#broken) throw this.#broken;
    // One run at a time from the call on, not only once the wasm has it: making a
    // listing's Python may pause the call first (loading listing-code.js). The wasm
    // refuses a second run the same way, with the same words.
    if (this.#running) throw new Error('a run is already going: wait for it or stop it first');
    this.#running = true;
    try {
      const program = await this.#asPython(plan);
      // The pool may have broken meanwhile (a worker trapped, the page's thread panicked).
      signal?.throwIfAborted();
      if (this.#broken) throw this.#broken;
      return await this.#run(program, { onEvent, signal });
    } finally {
      this.#running = false;
    }
  }

  async #run(program, { onEvent, signal }) {
    // The record is the events folded together, as they come.
    const record = emptyRecord();
    // Events come as JSON arrays: whatever arrived together, parsed at once. The
    // record takes every event before the caller's handler sees any, and a handler
    // that throws is reported without costing the record an event.
    const handle = this.#wasm.run(program, (json) => {
      const events = JSON.parse(json);
      for (const event of events) applyEvent(record, event);
      for (const event of events) {
        try {
          onEvent?.(event);
        } catch (error) {
          reportError(error);
        }
      }
    });
    const stop = () => handle.cancel();
    signal?.addEventListener('abort', stop, { once: true });
    // Browsers slow down timers in hidden tabs: a run that was hidden at some point
    // says so (record.hidden), since its timings may not be the threads' own.
    let hidden = document.visibilityState === 'hidden';
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') hidden = true;
    };
    document.addEventListener('visibilitychange', onVisibility);
    // A panic is reported at once (a `died` event ends `handle.done` with an error
    // naming the thread). Should a thread ever die unseen, the deadline (far beyond
    // any honest run of the plan) gives the run up, and the pool with it.
    let timer;
    const failed = new Promise((_, reject) => {
      this.#failRun = reject;
      timer = setTimeout(() => {
        this.#broken = new Error(
          `the run did not end in ${Math.round(handle.deadlineMs / 1000)} s, long after it should have: ` +
            'a thread of the pool has died (see the browser console). Reload the page to start new threads.',
        );
        reject(this.#broken);
      }, handle.deadlineMs);
    });
    try {
      await Promise.race([handle.done, failed]);
      if (hidden) record.hidden = true;
      return record;
    } catch (error) {
      // What was recorded until the thread died stays available.
      error.record = record;
      if (!this.#broken && this.threaded && this.threadsLeft < FEWEST_THREADS) {
        this.#broken = new Error(`${error.message}; too few threads are left: reload the page`);
      }
      throw this.#broken ?? error;
    } finally {
      this.#failRun = null;
      document.removeEventListener('visibilitychange', onVisibility);
      clearTimeout(timer);
      signal?.removeEventListener('abort', stop);
      if (!this.#broken) handle.free();
    }
  }
}
