# concurrent.futures, as CPython's Lib/concurrent/futures/{_base,thread}.py: a
# Future is a result under a Condition; ThreadPoolExecutor is a FIFO of work
# items pulled by at most max_workers threads, a new one started on submit()
# only while none is idle.
import _futures
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


class InvalidStateError(Exception):
    pass


class Future:
    # The state, the result and the threads waiting for them are a native core
    # (`_futures.Core`, src/python/futures.rs): one lock, woken only when someone
    # waits. The methods and the frames a traceback shows are CPython's.
    def __init__(self):
        self._core = _futures.Core()
        # The run's record: this future's task, and whether its result was taken.
        self._task = None
        self._delivered = False

    @property
    def _state(self):
        return self._core.state()

    @property
    def _result(self):
        return self._core.result()

    @property
    def _exception(self):
        return self._core.exception()

    def _deliver(self):
        if self._task is not None and not self._delivered:
            self._delivered = True
            _potoki.delivered(self._task)

    def __repr__(self):
        state = self._state
        if state == FINISHED:
            if self._exception is not None:
                return f"<Future at 0x{id(self):x} state=finished raised {type(self._exception).__name__}>"
            return f"<Future at 0x{id(self):x} state=finished returned {type(self._result).__name__}>"
        return f"<Future at 0x{id(self):x} state={state.lower()}>"

    def cancel(self):
        callbacks = self._core.cancel()
        if callbacks is False or callbacks is True:
            return callbacks
        if self._task is not None:
            _potoki.finished(self._task, CancelledError(), None)
        self._invoke_callbacks(callbacks)
        return True

    def cancelled(self):
        return self._core.state() == CANCELLED

    def running(self):
        return self._core.state() == RUNNING

    def done(self):
        return self._core.done()

    def _invoke_callbacks(self, callbacks):
        for callback in callbacks:
            callback(self)

    def add_done_callback(self, fn):
        if not self._core.add_callback(fn):
            fn(self)

    def __get_result(self):
        if not self._delivered:
            self._deliver()
        if self._core.exception() is not None:
            raise self._exception  # CPython: <stdlib>/concurrent/futures/_base.py:401
        return self._core.result()

    def result(self, timeout=None):
        if self._core.done():
            if self._core.state() == CANCELLED:
                raise CancelledError()  # CPython: <stdlib>/concurrent/futures/_base.py:447
            return self.__get_result()  # CPython: <stdlib>/concurrent/futures/_base.py:449
        if self._core.wait(timeout):
            if self._core.state() == CANCELLED:
                raise CancelledError()  # CPython: <stdlib>/concurrent/futures/_base.py:454
            return self.__get_result()  # CPython: <stdlib>/concurrent/futures/_base.py:456
        raise TimeoutError()  # CPython: <stdlib>/concurrent/futures/_base.py:458

    def exception(self, timeout=None):
        if self._core.done():
            if self._core.state() == CANCELLED:
                raise CancelledError()  # CPython: <stdlib>/concurrent/futures/_base.py:483
            self._deliver()
            return self._exception
        if self._core.wait(timeout):
            if self._core.state() == CANCELLED:
                raise CancelledError()  # CPython: <stdlib>/concurrent/futures/_base.py:490
            self._deliver()
            return self._exception
        raise TimeoutError()  # CPython: <stdlib>/concurrent/futures/_base.py:494

    def set_running_or_notify_cancel(self):
        return self._core.start()

    def set_result(self, result):
        if self._core.done():
            raise InvalidStateError(f"{self._state}: {self!r}")  # CPython: <stdlib>/concurrent/futures/_base.py:544
        self._invoke_callbacks(self._core.finish(result, None))

    def set_exception(self, exception):
        if self._core.done():
            raise InvalidStateError(f"{self._state}: {self!r}")  # CPython: <stdlib>/concurrent/futures/_base.py:559
        self._invoke_callbacks(self._core.finish(None, exception))


def _unique(fs):
    """The futures, each once (the first time it comes), in their order."""
    return list({id(f): f for f in fs}.values())


def as_completed(fs, timeout=None):
    if timeout is not None:
        end_time = timeout + time.monotonic()
    fs = _unique(fs)
    total_futures = len(fs)
    waiter = _futures.Waiter()
    for f in fs:
        waiter.watch(f)
    pending = total_futures
    while pending:
        if timeout is None:
            wait_timeout = None
        else:
            wait_timeout = end_time - time.monotonic()
            if wait_timeout < 0:
                raise TimeoutError(f"{pending} (of {total_futures}) futures unfinished")  # CPython: <stdlib>/concurrent/futures/_base.py:239
        for f in waiter.take(wait_timeout):
            pending -= 1
            yield f


class DoneAndNotDoneFutures:
    def __init__(self, done, not_done):
        self.done = done
        self.not_done = not_done

    def __iter__(self):
        return iter([self.done, self.not_done])


def wait(fs, timeout=None, return_when=ALL_COMPLETED):
    fs = _unique(fs)
    end_time = None if timeout is None else time.monotonic() + timeout
    done = set(f for f in fs if f.done())
    not_done = set(f for f in fs if not f.done())
    waiter = _futures.Waiter()
    for f in not_done:
        waiter.watch(f)
    while not_done:
        if return_when == FIRST_COMPLETED and done:
            break
        if return_when == FIRST_EXCEPTION and any(not f.cancelled() and f._exception is not None for f in done):
            break
        wait_timeout = None if end_time is None else end_time - time.monotonic()
        if wait_timeout is not None and wait_timeout <= 0:
            break
        for f in waiter.take(wait_timeout):
            done.add(f)
            not_done.discard(f)
    return DoneAndNotDoneFutures(done, not_done)


class _WorkItem:
    def __init__(self, future, fn, args, kwargs):
        self.future = future
        self.fn = fn
        self.args = args
        self.kwargs = kwargs

    # The worker passes its thread's name, and the future's state is set on its
    # core directly: each Python call saved here is one per task (a call costs
    # microseconds in the page).
    def run(self, thread_name):
        future = self.future
        if not future._core.start():
            return
        task = future._task
        _potoki.started(task, thread_name)
        try:
            result = self.fn(*self.args, **self.kwargs)  # CPython: <stdlib>/concurrent/futures/thread.py:58
        except BaseException as exc:
            # Finished before the result is set: whoever waits for it is told after.
            _potoki.finished(task, exc, None)
            callbacks = future._core.finish(None, exc)
        else:
            _potoki.finished(task, None, result)
            callbacks = future._core.finish(result, None)
        if callbacks:
            future._invoke_callbacks(callbacks)


def _results(fs, end_time):
    # The iterator map() returns: each result in submission order; on an error, or
    # when it is closed early, the futures not yet reached are cancelled. A
    # generator, as CPython's result_iterator is: a `for` over it resumes it on the
    # loop of the frame that iterates, so its waits can park a simulated thread.
    try:
        fs.reverse()
        while fs:
            if end_time is None:
                yield fs.pop().result()
            else:
                yield fs.pop().result(end_time - time.monotonic())
    finally:
        for f in fs:
            f.cancel()


def _worker(work_queue, executor):
    thread_name = threading.current_thread().name
    while True:
        if _potoki.stopped():
            # Stop ended the run: what is still queued is never started (the record
            # says it was cancelled), as a listing's queued task never starts.
            return
        work_item = work_queue.get()
        if work_item is not None:
            work_item.run(thread_name)
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
        self._idle_semaphore = _futures.IdleCount()
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
            # An idle worker takes it: no new thread (checked here, not in a call).
            if not self._idle_semaphore.acquire(timeout=0):
                self._adjust_thread_count()
            return f

    def _adjust_thread_count(self):
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
        return _results(fs, end_time)

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
