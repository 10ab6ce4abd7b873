# concurrent.futures, as CPython's Lib/concurrent/futures/{_base,thread}.py: a
# Future is a result under a Condition; ThreadPoolExecutor is a FIFO of work
# items pulled by at most max_workers threads, a new one started on submit()
# only while none is idle.
import _potoki
import os
import threading
import time
import queue

FIRST_COMPLETED = "FIRST_COMPLETED"
FIRST_EXCEPTION = "FIRST_EXCEPTION"
ALL_COMPLETED = "ALL_COMPLETED"

PENDING = "PENDING"
RUNNING = "RUNNING"
CANCELLED = "CANCELLED"
FINISHED = "FINISHED"


class CancelledError(Exception):
    pass


TimeoutError = TimeoutError


class Future:
    def __init__(self):
        self._condition = threading.Condition()
        self._state = PENDING
        self._result = None
        self._exception = None
        self._callbacks = []
        # The run's record: this future's task, and whether its result was taken.
        self._task = None
        self._delivered = False

    def _deliver(self):
        if self._task is not None and not self._delivered:
            self._delivered = True
            _potoki.delivered(self._task)

    def __repr__(self):
        with self._condition:
            if self._state == FINISHED:
                if self._exception is not None:
                    return f"<Future at 0x{id(self):x} state=finished raised {type(self._exception).__name__}>"
                return f"<Future at 0x{id(self):x} state=finished returned {type(self._result).__name__}>"
            return f"<Future at 0x{id(self):x} state={self._state.lower()}>"

    def cancel(self):
        with self._condition:
            if self._state in [RUNNING, FINISHED]:
                return False
            if self._state == CANCELLED:
                return True
            self._state = CANCELLED
            self._condition.notify_all()
        if self._task is not None:
            _potoki.finished(self._task, CancelledError(), None)
        self._invoke_callbacks()
        return True

    def cancelled(self):
        return self._state == CANCELLED

    def running(self):
        return self._state == RUNNING

    def done(self):
        return self._state in [CANCELLED, FINISHED]

    def _invoke_callbacks(self):
        for callback in self._callbacks:
            callback(self)

    def add_done_callback(self, fn):
        with self._condition:
            if self._state not in [CANCELLED, FINISHED]:
                self._callbacks.append(fn)
                return
        fn(self)

    def _get_result(self):
        self._deliver()
        if self._state == CANCELLED:
            raise CancelledError()
        if self._exception is not None:
            raise self._exception
        return self._result

    def result(self, timeout=None):
        with self._condition:
            if self._state in [CANCELLED, FINISHED]:
                return self._get_result()
            self._condition.wait(timeout)
            if self._state in [CANCELLED, FINISHED]:
                return self._get_result()
            raise TimeoutError()

    def exception(self, timeout=None):
        with self._condition:
            if self._state == CANCELLED:
                raise CancelledError()
            if self._state == FINISHED:
                self._deliver()
                return self._exception
            self._condition.wait(timeout)
            if self._state == CANCELLED:
                raise CancelledError()
            if self._state == FINISHED:
                self._deliver()
                return self._exception
            raise TimeoutError()

    def set_running_or_notify_cancel(self):
        with self._condition:
            if self._state == CANCELLED:
                return False
            self._state = RUNNING
            return True

    def set_result(self, result):
        with self._condition:
            self._result = result
            self._state = FINISHED
            self._condition.notify_all()
            for waiter in _waiters_of(self):
                waiter.release_one(self)
        self._invoke_callbacks()

    def set_exception(self, exception):
        with self._condition:
            self._exception = exception
            self._state = FINISHED
            self._condition.notify_all()
            for waiter in _waiters_of(self):
                waiter.release_one(self)
        self._invoke_callbacks()


_all_waiters = []


def _waiters_of(future):
    return [w for w in _all_waiters if future in w.futures]


class _Waiter:
    def __init__(self, futures):
        self.futures = futures
        self.lock = threading.Condition()
        self.finished = []

    def release_one(self, future):
        with self.lock:
            self.finished.append(future)
            self.lock.notify_all()


class _AsCompleted:
    """The iterator as_completed() returns: each future as it finishes."""

    def __init__(self, fs, timeout):
        self.total = len(fs)
        self.end_time = None if timeout is None else time.monotonic() + timeout
        self.pending = []
        for f in fs:
            if f not in self.pending:
                self.pending.append(f)
        self.ready = [f for f in self.pending if f.done()]
        for f in self.ready:
            self.pending.remove(f)
        self.waiter = _Waiter(self.pending)
        _all_waiters.append(self.waiter)

    def __iter__(self):
        return self

    def __next__(self):
        while not self.ready:
            if not self.pending:
                if self.waiter in _all_waiters:
                    _all_waiters.remove(self.waiter)
                raise StopIteration
            with self.waiter.lock:
                if not self.waiter.finished:
                    if self.end_time is None:
                        self.waiter.lock.wait()
                    else:
                        wait_timeout = self.end_time - time.monotonic()
                        if wait_timeout <= 0:
                            _all_waiters.remove(self.waiter)
                            raise TimeoutError(f"{len(self.pending)} (of {self.total}) futures unfinished")
                        self.waiter.lock.wait(wait_timeout)
                finished = self.waiter.finished
                self.waiter.finished = []
            for f in finished:
                if f in self.pending:
                    self.pending.remove(f)
                    self.ready.append(f)
        return self.ready.pop(0)


def as_completed(fs, timeout=None):
    return _AsCompleted(list(fs), timeout)


class DoneAndNotDoneFutures:
    def __init__(self, done, not_done):
        self.done = done
        self.not_done = not_done

    def __iter__(self):
        return iter([self.done, self.not_done])


def wait(fs, timeout=None, return_when=ALL_COMPLETED):
    fs = list(fs)
    end_time = None if timeout is None else time.monotonic() + timeout
    while True:
        done = set(f for f in fs if f.done())
        not_done = set(f for f in fs if not f.done())
        if not not_done:
            break
        if return_when == FIRST_COMPLETED and done:
            break
        if return_when == FIRST_EXCEPTION and any(f.exception() is not None for f in done if not f.cancelled()):
            break
        if end_time is not None and time.monotonic() >= end_time:
            break
        time.sleep(0.001)
    return DoneAndNotDoneFutures(done, not_done)


class _WorkItem:
    def __init__(self, future, fn, args, kwargs):
        self.future = future
        self.fn = fn
        self.args = args
        self.kwargs = kwargs

    def run(self):
        if not self.future.set_running_or_notify_cancel():
            return
        task = self.future._task
        _potoki.started(task, threading.current_thread().name)
        try:
            result = self.fn(*self.args, **self.kwargs)
        except BaseException as exc:
            # Finished before the result is set: whoever waits for it is told after.
            _potoki.finished(task, exc, None)
            self.future.set_exception(exc)
        else:
            _potoki.finished(task, None, result)
            self.future.set_result(result)


class _Results:
    """The iterator map() returns: each result in submission order."""

    def __init__(self, fs, end_time):
        self.fs = fs
        self.end_time = end_time

    def __iter__(self):
        return self

    def __next__(self):
        if not self.fs:
            raise StopIteration
        future = self.fs.pop(0)
        try:
            if self.end_time is None:
                return future.result()
            return future.result(self.end_time - time.monotonic())
        except BaseException:
            for f in self.fs:
                f.cancel()
            raise


def _worker(work_queue, executor):
    while True:
        work_item = work_queue.get()
        if work_item is not None:
            work_item.run()
            del work_item
            executor._idle_semaphore.release()
            continue
        # None: the executor shuts down; pass it on to the next worker.
        work_queue.put(None)
        return


_counter = 0


class ThreadPoolExecutor:
    def __init__(self, max_workers=None, thread_name_prefix="", initializer=None, initargs=()):
        global _counter
        if max_workers is None:
            max_workers = min(32, (os.cpu_count() or 1) + 4)
        if max_workers <= 0:
            raise ValueError("max_workers must be greater than 0")
        self._max_workers = max_workers
        self._work_queue = queue.SimpleQueue()
        self._idle_semaphore = threading.Semaphore(0)
        self._threads = []
        self._shutdown = False
        self._shutdown_lock = threading.Lock()
        if not thread_name_prefix:
            thread_name_prefix = f"ThreadPoolExecutor-{_counter}"
            _counter += 1
        self._thread_name_prefix = thread_name_prefix

    def submit(self, fn, /, *args, **kwargs):
        with self._shutdown_lock:
            if self._shutdown:
                raise RuntimeError("cannot schedule new futures after shutdown")
            f = Future()
            f._task = _potoki.submit(fn, args, kwargs)
            self._work_queue.put(_WorkItem(f, fn, args, kwargs))
            self._adjust_thread_count()
            return f

    def _adjust_thread_count(self):
        if self._idle_semaphore.acquire(timeout=0):
            return
        num_threads = len(self._threads)
        if num_threads < self._max_workers:
            name = f"{self._thread_name_prefix}_{num_threads}"
            t = threading.Thread(name=name, target=_worker, args=(self._work_queue, self))
            t._record = False
            t.start()
            self._threads.append(t)

    def map(self, fn, *iterables, timeout=None, chunksize=1):
        end_time = None if timeout is None else timeout + time.monotonic()
        fs = [self.submit(fn, *args) for args in zip(*iterables)]
        return _Results(fs, end_time)

    def shutdown(self, wait=True, *, cancel_futures=False):
        with self._shutdown_lock:
            self._shutdown = True
            if cancel_futures:
                while True:
                    try:
                        work_item = self._work_queue.get_nowait()
                    except queue.Empty:
                        break
                    if work_item is not None:
                        work_item.future.cancel()
            self._work_queue.put(None)
        if wait:
            for t in self._threads:
                t.join()

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc_val, exc_tb):
        self.shutdown(wait=True)
        return False
