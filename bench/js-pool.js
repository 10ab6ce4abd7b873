// The plain-JS peer: a pool of Web Workers talking by postMessage, with the same
// shape as the lesson's pool — a FIFO queue on the main thread that at most
// `workers` workers pull from, results taken as they complete. What a student
// could write without potoki; the benchmark holds potoki against it.

export class JsPool {
  #workers = [];
  #idle = [];
  #queue = [];
  #onDone = null;

  static async start(size) {
    const pool = new JsPool();
    const url = new URL('./js-pool-worker.js', import.meta.url);
    for (let i = 0; i < size; i++) {
      const worker = new Worker(url);
      worker.onmessage = ({ data }) => pool.#finished(worker, data);
      pool.#workers.push(worker);
    }
    // Wake every worker once so their start-up is not measured.
    await pool.run(Array(size).fill(0), size);
    return pool;
  }

  #finished(worker, data) {
    this.#onDone(data, performance.timeOrigin + performance.now());
    this.#next(worker);
  }

  #next(worker) {
    const task = this.#queue.shift();
    if (task) worker.postMessage(task);
    else this.#idle.push(worker);
  }

  /** Runs one task per entry of `secs` on at most `workers` workers; resolves to the
   *  tasks' `{ id, finishedAt, receivedAt }` in the order they completed. */
  run(secs, workers) {
    return new Promise((resolve) => {
      const results = [];
      this.#onDone = (data, receivedAt) => {
        results.push({ ...data, receivedAt });
        if (results.length === secs.length) resolve(results);
      };
      this.#queue = secs.map((sec, id) => ({ id, ms: sec * 1000 }));
      this.#idle = this.#workers.slice(0, workers);
      for (const worker of this.#idle.splice(0)) this.#next(worker);
    });
  }
}
