# asyncio on one thread, as CPython's Lib/asyncio/{events,futures,tasks,queues,locks}.py
# have it: coroutines are suspended frames; a Task resumes its coroutine with
# send()/throw() from the event loop's ready queue; a coroutine waiting on a Future
# yields that Future up to its Task, which sleeps until the Future's done callback.
# The loop keeps timers sorted by time; with nothing ready it sleeps its thread
# until the next timer (time.sleep, which Stop ends) or, while to_thread workers
# run, waits on a lock they release when they hand their result over.
import _potoki
import _thread
import time

FIRST_COMPLETED = "FIRST_COMPLETED"
FIRST_EXCEPTION = "FIRST_EXCEPTION"
ALL_COMPLETED = "ALL_COMPLETED"

_PENDING = "PENDING"
_CANCELLED = "CANCELLED"
_FINISHED = "FINISHED"


class CancelledError(BaseException):
    pass


class InvalidStateError(Exception):
    pass


class QueueEmpty(Exception):
    pass


class QueueFull(Exception):
    pass


TimeoutError = TimeoutError

# The loop running in each thread, by thread ident.
_running_loops = {}
_current_tasks = {}


def _get_running_loop():
    return _running_loops.get(_thread.get_ident())


def get_running_loop():
    loop = _get_running_loop()
    if loop is None:
        raise RuntimeError("no running event loop")
    return loop


def get_event_loop():
    return get_running_loop()


def _remove(items, item):
    # By identity: a future's == is its identity anyway, and this says so.
    for i in range(len(items)):
        if items[i] is item:
            del items[i]
            return


def iscoroutine(obj):
    return type(obj).__name__ == "coroutine"


class Handle:
    def __init__(self, callback, args):
        self._callback = callback
        self._args = args
        self._cancelled = False

    def cancel(self):
        self._cancelled = True

    def cancelled(self):
        return self._cancelled

    def _run(self):
        self._callback(*self._args)  # CPython: hidden


class TimerHandle(Handle):
    def __init__(self, when, callback, args):
        super().__init__(callback, args)
        self._when = when

    def when(self):
        return self._when


class _Loop:
    def __init__(self):
        self._ready = []
        self._timers = []
        self._tasks = []
        # call_soon_threadsafe: what other threads hand over, and the lock the
        # loop waits on (held while nothing was handed over).
        self._handover_lock = _thread.allocate_lock()
        self._handed_over = []
        self._wakeup = _thread.allocate_lock()
        self._wakeup.acquire()
        # Worker threads whose result is still to come.
        self._threads_pending = 0

    def time(self):
        return time.monotonic()

    def call_soon(self, callback, *args):
        handle = Handle(callback, args)
        self._ready.append(handle)
        return handle

    def call_later(self, delay, callback, *args):
        return self.call_at(self.time() + delay, callback, *args)

    def call_at(self, when, callback, *args):
        handle = TimerHandle(when, callback, args)
        # After every timer due no later: equal times keep their order.
        at = len(self._timers)
        while at > 0 and self._timers[at - 1]._when > when:
            at -= 1
        self._timers.insert(at, handle)
        return handle

    def call_soon_threadsafe(self, callback, *args):
        with self._handover_lock:
            self._handed_over.append(Handle(callback, args))
            if self._wakeup.locked():
                self._wakeup.release()

    def create_future(self):
        return Future(loop=self)

    def run_in_executor(self, executor, func, *args):
        if executor is None:
            return self._on_thread(func, args, True)
        future, hand_over = self._pending()

        def done(inner):
            exc = inner.exception()
            self.call_soon_threadsafe(hand_over, None if exc else inner.result(), exc)

        executor.submit(func, *args).add_done_callback(done)
        return future

    def _pending(self):
        # A future another thread completes through hand_over (on this loop, via
        # call_soon_threadsafe); until then the loop waits for it, not only for timers.
        future = self.create_future()
        self._threads_pending += 1

        def hand_over(result, exc):
            self._threads_pending -= 1
            if future.done():
                return
            if exc is not None:
                future.set_exception(exc)
            else:
                future.set_result(result)

        return future, hand_over

    def _on_thread(self, func, args, record):
        # A thread of its own runs func; the future it returns gets the outcome. The
        # thread is a task of the record (to_thread), or a helper of the run (aiohttp's
        # GET): then it is no task and draws no lane, as aiohttp's socket draws none.
        import threading

        future, hand_over = self._pending()

        def work():
            try:
                result = func(*args)
            except BaseException as exc:
                self.call_soon_threadsafe(hand_over, None, exc)
            else:
                self.call_soon_threadsafe(hand_over, result, None)

        thread = threading.Thread(target=work, name="asyncio_0")
        thread._record = record
        thread.start()
        return future

    def create_task(self, coro, name=None):
        return Task(coro, loop=self, name=name)

    def _take_handed_over(self):
        with self._handover_lock:
            handed, self._handed_over = self._handed_over, []
        self._ready.extend(handed)

    def _run_once(self):
        self._take_handed_over()
        while self._timers and self._timers[0]._cancelled:
            self._timers.pop(0)
        if not self._ready:
            timeout = None
            if self._timers:
                timeout = max(0, self._timers[0]._when - self.time())
            if self._threads_pending:
                if timeout is None:
                    self._wakeup.acquire()
                elif timeout > 0:
                    self._wakeup.acquire(True, timeout)
            elif timeout is not None:
                if timeout > 0:
                    time.sleep(timeout)
            else:
                # Nothing can wake it: it waits, as CPython's does, until Stop.
                self._wakeup.acquire()
            self._take_handed_over()
        now = self.time()
        while self._timers and self._timers[0]._when <= now:
            handle = self._timers.pop(0)
            if not handle._cancelled:
                self._ready.append(handle)
        ready, self._ready = self._ready, []
        for handle in ready:
            if not handle._cancelled:
                handle._run()  # CPython: hidden

    def run_until_complete(self, future):
        future = ensure_future(future, loop=self)
        while not future.done():
            self._run_once()
        return future.result()  # CPython: <stdlib>/asyncio/base_events.py:653


class Future:
    def __init__(self, *, loop=None):
        self._loop = loop if loop is not None else get_running_loop()
        self._state = _PENDING
        self._result = None
        self._exception = None
        self._callbacks = []
        self._cancel_message = None
        # The run's record: a Task's task, and whether its result was taken.
        self._task = None
        self._delivered = False

    def __repr__(self):
        return f"<{type(self).__name__} {self._state.lower()}>"

    def get_loop(self):
        return self._loop

    def done(self):
        return self._state != _PENDING

    def cancelled(self):
        return self._state == _CANCELLED

    def _deliver(self):
        if self._task is not None and not self._delivered:
            self._delivered = True
            _potoki.delivered(self._task)

    def result(self):
        if self._state == _CANCELLED:
            raise self._make_cancelled_error()
        if self._state != _FINISHED:
            raise InvalidStateError("Result is not set.")
        self._deliver()
        if self._exception is not None:
            raise self._exception  # CPython: hidden
        return self._result

    def exception(self):
        if self._state == _CANCELLED:
            raise self._make_cancelled_error()
        if self._state != _FINISHED:
            raise InvalidStateError("Exception is not set.")
        self._deliver()
        return self._exception

    def _make_cancelled_error(self):
        if self._cancel_message is None:
            return CancelledError()
        return CancelledError(self._cancel_message)

    def set_result(self, result):
        if self._state != _PENDING:
            raise InvalidStateError(f"{self._state}: {self!r}")
        self._result = result
        self._state = _FINISHED
        self._schedule_callbacks()

    def set_exception(self, exception):
        if self._state != _PENDING:
            raise InvalidStateError(f"{self._state}: {self!r}")
        if not isinstance(exception, BaseException):
            exception = exception()
        self._exception = exception
        self._state = _FINISHED
        self._schedule_callbacks()

    def cancel(self, msg=None):
        if self._state != _PENDING:
            return False
        self._state = _CANCELLED
        self._cancel_message = msg
        self._schedule_callbacks()
        return True

    def add_done_callback(self, fn):
        if self._state != _PENDING:
            self._loop.call_soon(fn, self)
        else:
            self._callbacks.append(fn)

    def remove_done_callback(self, fn):
        before = len(self._callbacks)
        self._callbacks = [cb for cb in self._callbacks if cb != fn]
        return before - len(self._callbacks)

    def _schedule_callbacks(self):
        callbacks, self._callbacks = self._callbacks, []
        for callback in callbacks:
            self._loop.call_soon(callback, self)

    def __await__(self):
        if not self.done():
            yield self  # CPython: hidden
        if not self.done():
            raise RuntimeError("await wasn't used with future")
        return self.result()  # CPython: hidden

    __iter__ = __await__


class Task(Future):
    _counter = 0

    def __init__(self, coro, *, loop=None, name=None, _record=True):
        super().__init__(loop=loop)
        if not iscoroutine(coro):
            raise TypeError(f"a coroutine was expected, got {coro!r}")
        # Each task is a task of the run's record (`_sleep(5)`), as each future of
        # a pool is; asyncio.run's main coroutine is not, as the main thread is not.
        if _record:
            self._task = _potoki.submit_coro(coro)
        self._started = False
        if name is None:
            Task._counter += 1
            name = f"Task-{Task._counter}"
        self._name = name
        self._coro = coro
        self._must_cancel = False
        self._fut_waiter = None
        self._loop._tasks.append(self)
        self._loop.call_soon(self._step)

    def __repr__(self):
        return f"<Task {self._state.lower()} name='{self._name}'>"

    def get_name(self):
        return self._name

    def set_name(self, name):
        self._name = str(name)

    def get_coro(self):
        return self._coro

    def cancel(self, msg=None):
        if self.done():
            return False
        if self._fut_waiter is not None:
            if self._fut_waiter.cancel(msg):
                # The waiter's callback throws CancelledError into the coroutine.
                return True
        self._must_cancel = True
        self._cancel_message = msg
        return True

    def _step(self, exc=None):
        if self.done():
            return
        if self._must_cancel:
            if not isinstance(exc, CancelledError):
                exc = self._make_cancelled_error()
            self._must_cancel = False
        self._fut_waiter = None
        ident = _thread.get_ident()
        _current_tasks[ident] = self
        if not self._started:
            self._started = True
            if self._task is not None:
                _potoki.started(self._task, _thread_name())
        try:
            if exc is None:
                result = self._coro.send(None)  # CPython: hidden
            else:
                result = self._coro.throw(exc)  # CPython: hidden
        except StopIteration as e:
            if self._must_cancel:
                self._must_cancel = False
                Future.cancel(self, self._cancel_message)
            else:
                Future.set_result(self, e.value)
            self._finish()
        except CancelledError as e:
            Future.cancel(self, self._cancel_message)
            self._finish()
        except (KeyboardInterrupt, SystemExit) as e:
            Future.set_exception(self, e)
            self._finish()
            raise
        except BaseException as e:
            Future.set_exception(self, e)
            self._finish()
        else:
            if isinstance(result, Future):
                if result is self:
                    error = RuntimeError(f"Task cannot await on itself: {self!r}")
                    self._loop.call_soon(self._step, error)
                else:
                    self._fut_waiter = result
                    result.add_done_callback(self._wakeup)
                    if self._must_cancel:
                        if result.cancel(self._cancel_message):
                            self._must_cancel = False
            elif result is None:
                # A bare yield (sleep(0)): let the others run, then go on.
                self._loop.call_soon(self._step)
            else:
                error = RuntimeError(f"Task got bad yield: {result!r}")
                self._loop.call_soon(self._step, error)
        finally:
            _current_tasks.pop(ident, None)

    def _finish(self):
        _remove(self._loop._tasks, self)
        if self._task is not None:
            if self._state == _CANCELLED:
                _potoki.finished(self._task, self._make_cancelled_error(), None)
            else:
                _potoki.finished(self._task, self._exception, self._result)

    def _wakeup(self, future):
        try:
            future.result()  # CPython: hidden
        except BaseException as exc:
            self._step(exc)
        else:
            self._step()


def _thread_name():
    # threading is imported by then if the program started a thread; else this
    # is the main thread.
    import threading

    return threading.current_thread().name


def current_task(loop=None):
    return _current_tasks.get(_thread.get_ident())


def all_tasks(loop=None):
    loop = loop if loop is not None else get_running_loop()
    return {t for t in loop._tasks if not t.done()}


def ensure_future(obj, *, loop=None):
    if isinstance(obj, Future):
        return obj
    if loop is None:
        loop = get_running_loop()
    if iscoroutine(obj):
        return loop.create_task(obj)
    try:
        obj.__await__
    except AttributeError:
        raise TypeError("An asyncio.Future, a coroutine or an awaitable is required") from None

    async def wrap():
        return await obj

    return loop.create_task(wrap())


def create_task(coro, *, name=None):
    return get_running_loop().create_task(coro, name=name)


def run(main, *, debug=None):
    if _get_running_loop() is not None:
        raise RuntimeError("asyncio.run() cannot be called from a running event loop")
    if not iscoroutine(main):
        raise ValueError(f"a coroutine was expected, got {main!r}")
    with Runner(debug=debug) as runner:
        return runner.run(main)  # CPython: <stdlib>/asyncio/runners.py:190


class Runner:
    def __init__(self, *, debug=None):
        self._loop = _Loop()
        self._ident = None

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()

    def get_loop(self):
        return self._loop

    def run(self, coro):
        if not iscoroutine(coro):
            raise ValueError(f"a coroutine was expected, got {coro!r}")
        self._ident = _thread.get_ident()
        _running_loops[self._ident] = self._loop
        task = Task(coro, loop=self._loop, _record=False)
        return self._loop.run_until_complete(task)  # CPython: <stdlib>/asyncio/runners.py:118

    def close(self):
        if self._ident is None:
            return
        try:
            _cancel_all_tasks(self._loop)
        finally:
            del _running_loops[self._ident]
            self._ident = None


def _cancel_all_tasks(loop):
    to_cancel = [t for t in loop._tasks if not t.done()]
    if not to_cancel:
        return
    for task in to_cancel:
        task.cancel()
    loop.run_until_complete(gather(*to_cancel, return_exceptions=True))


class _SleepZero:
    def __await__(self):
        yield


def _set_result_unless_cancelled(future, result):
    if not future.cancelled():
        future.set_result(result)


async def sleep(delay, result=None):
    if delay <= 0:
        await _SleepZero()
        return result
    loop = get_running_loop()
    future = loop.create_future()
    handle = loop.call_later(delay, _set_result_unless_cancelled, future, result)
    try:
        return await future
    finally:
        handle.cancel()


class _GatheringFuture(Future):
    def __init__(self, children, *, loop):
        super().__init__(loop=loop)
        self._children = children
        self._cancel_requested = False

    def cancel(self, msg=None):
        if self.done():
            return False
        cancelled = False
        for child in self._children:
            if child.cancel(msg):
                cancelled = True
        if cancelled:
            self._cancel_requested = True
        return cancelled


def gather(*coros_or_futures, return_exceptions=False):
    loop = get_running_loop()
    if not coros_or_futures:
        outer = loop.create_future()
        outer.set_result([])
        return outer
    children = [ensure_future(arg, loop=loop) for arg in coros_or_futures]
    outer = _GatheringFuture(children, loop=loop)
    finished = 0

    def _done_callback(fut):
        nonlocal finished
        finished += 1
        if outer.done():
            return
        if not return_exceptions:
            if fut.cancelled():
                outer.set_exception(fut._make_cancelled_error())
                return
            exc = fut.exception()
            if exc is not None:
                outer.set_exception(exc)
                return
        if finished == len(children):
            results = []
            for child in children:
                if child.cancelled():
                    message = child._cancel_message
                    results.append(CancelledError("" if message is None else message))
                elif child.exception() is not None:
                    results.append(child.exception())
                else:
                    results.append(child.result())
            if outer._cancel_requested:
                outer.set_exception(CancelledError())
            else:
                outer.set_result(results)

    for child in children:
        child.add_done_callback(_done_callback)
    return outer


def _release_waiter(waiter, *args):
    if not waiter.done():
        waiter.set_result(None)


async def _cancel_and_wait(fut):
    loop = get_running_loop()
    waiter = loop.create_future()
    callback = lambda f: _release_waiter(waiter)
    fut.add_done_callback(callback)
    try:
        fut.cancel()
        await waiter
    finally:
        fut.remove_done_callback(callback)


async def wait_for(fut, timeout):
    loop = get_running_loop()
    if timeout is None:
        return await fut
    fut = ensure_future(fut, loop=loop)
    if timeout <= 0:
        if fut.done():
            return fut.result()
        await _cancel_and_wait(fut)
        try:
            return fut.result()
        except CancelledError as exc:
            raise TimeoutError() from exc
    waiter = loop.create_future()
    timeout_handle = loop.call_later(timeout, _release_waiter, waiter)
    callback = lambda f: _release_waiter(waiter)
    fut.add_done_callback(callback)
    try:
        try:
            await waiter
        except CancelledError:
            if fut.done():
                return fut.result()
            fut.remove_done_callback(callback)
            await _cancel_and_wait(fut)
            raise
        if fut.done():
            return fut.result()
        fut.remove_done_callback(callback)
        await _cancel_and_wait(fut)
        try:
            return fut.result()
        except CancelledError as exc:
            raise TimeoutError() from exc
    finally:
        timeout_handle.cancel()


def _unique_futures(fs, loop):
    futures = []
    for f in fs:
        f = ensure_future(f, loop=loop)
        if not any(f is g for g in futures):
            futures.append(f)
    return futures


async def wait(fs, *, timeout=None, return_when=ALL_COMPLETED):
    if isinstance(fs, Future) or iscoroutine(fs):
        raise TypeError(f"expect a list of futures, not {type(fs).__name__}")
    if not fs:
        raise ValueError("Set of Tasks/Futures is empty.")
    if return_when not in (FIRST_COMPLETED, FIRST_EXCEPTION, ALL_COMPLETED):
        raise ValueError(f"Invalid return_when value: {return_when}")
    if any(iscoroutine(f) for f in fs):
        raise TypeError("Passing coroutines is forbidden, use tasks explicitly.")
    loop = get_running_loop()
    fs = _unique_futures(fs, loop)
    waiter = loop.create_future()
    timeout_handle = None
    if timeout is not None:
        timeout_handle = loop.call_later(timeout, _release_waiter, waiter)
    counter = len(fs)

    def _on_completion(f):
        nonlocal counter
        counter -= 1
        if (counter <= 0 or return_when == FIRST_COMPLETED
                or return_when == FIRST_EXCEPTION and (not f.cancelled() and f.exception() is not None)):
            if timeout_handle is not None:
                timeout_handle.cancel()
            if not waiter.done():
                waiter.set_result(None)

    for f in fs:
        f.add_done_callback(_on_completion)
    try:
        await waiter
    finally:
        if timeout_handle is not None:
            timeout_handle.cancel()
        for f in fs:
            f.remove_done_callback(_on_completion)
    done, pending = set(), set()
    for f in fs:
        if f.done():
            done.add(f)
        else:
            pending.add(f)
    return done, pending


def as_completed(fs, *, timeout=None):
    if isinstance(fs, Future) or iscoroutine(fs):
        raise TypeError(f"expect an iterable of futures, not {type(fs).__name__}")
    loop = get_running_loop()
    todo = _unique_futures(fs, loop)
    done = Queue()
    timeout_handle = None

    def _on_timeout():
        for f in todo:
            f.remove_done_callback(_on_completion)
            done.put_nowait(None)
        todo.clear()

    def _on_completion(f):
        if not todo:
            return
        _remove(todo, f)
        done.put_nowait(f)
        if not todo and timeout_handle is not None:
            timeout_handle.cancel()

    async def _wait_for_one():
        f = await done.get()
        if f is None:
            raise TimeoutError
        return f.result()

    for f in todo:
        f.add_done_callback(_on_completion)
    if todo and timeout is not None:
        timeout_handle = loop.call_later(timeout, _on_timeout)
    return _as_completed_iter(_wait_for_one, len(todo))


def _as_completed_iter(wait_for_one, n):
    for _ in range(n):
        yield wait_for_one()


async def to_thread(func, /, *args, **kwargs):
    loop = get_running_loop()
    return await loop.run_in_executor(None, lambda: func(*args, **kwargs))


class Timeout:
    # asyncio.timeout(delay): cancels the task at the deadline; the CancelledError
    # that comes out of the block then becomes TimeoutError.
    def __init__(self, when):
        self._when = when
        self._task = None
        self._handle = None
        self._expired = False

    def when(self):
        return self._when

    def expired(self):
        return self._expired

    def reschedule(self, when):
        self._when = when
        if self._handle is not None:
            self._handle.cancel()
            self._handle = None
        if self._task is not None and when is not None:
            self._handle = get_running_loop().call_at(when, self._on_timeout)

    async def __aenter__(self):
        self._task = current_task()
        if self._task is None:
            raise RuntimeError("Timeout should be used inside a task")
        self.reschedule(self._when)
        return self

    async def __aexit__(self, exc_type, exc, tb):
        if self._handle is not None:
            self._handle.cancel()
            self._handle = None
        if self._expired and exc_type is CancelledError:
            raise TimeoutError from exc
        return None

    def _on_timeout(self):
        self._task.cancel()
        self._expired = True
        self._handle = None


def timeout(delay):
    if delay is None:
        return Timeout(None)
    return Timeout(get_running_loop().time() + delay)


def timeout_at(when):
    return Timeout(when)


class Queue:
    def __init__(self, maxsize=0):
        self._maxsize = maxsize
        self._queue = []
        self._getters = []
        self._putters = []
        self._unfinished_tasks = 0
        self._finished = Event()
        self._finished.set()

    @property
    def maxsize(self):
        return self._maxsize

    def qsize(self):
        return len(self._queue)

    def empty(self):
        return not self._queue

    def full(self):
        if self._maxsize <= 0:
            return False
        return self.qsize() >= self._maxsize

    def _wakeup_next(self, waiters):
        while waiters:
            waiter = waiters.pop(0)
            if not waiter.done():
                waiter.set_result(None)
                break

    async def put(self, item):
        while self.full():
            putter = get_running_loop().create_future()
            self._putters.append(putter)
            try:
                await putter
            except BaseException:
                putter.cancel()
                _remove(self._putters, putter)
                if not self.full() and not putter.cancelled():
                    self._wakeup_next(self._putters)
                raise
        return self.put_nowait(item)

    def put_nowait(self, item):
        if self.full():
            raise QueueFull
        self._queue.append(item)
        self._unfinished_tasks += 1
        self._finished.clear()
        self._wakeup_next(self._getters)

    async def get(self):
        while self.empty():
            getter = get_running_loop().create_future()
            self._getters.append(getter)
            try:
                await getter
            except BaseException:
                getter.cancel()
                _remove(self._getters, getter)
                if not self.empty() and not getter.cancelled():
                    self._wakeup_next(self._getters)
                raise
        return self.get_nowait()

    def get_nowait(self):
        if self.empty():
            raise QueueEmpty
        item = self._queue.pop(0)
        self._wakeup_next(self._putters)
        return item

    def task_done(self):
        if self._unfinished_tasks <= 0:
            raise ValueError("task_done() called too many times")
        self._unfinished_tasks -= 1
        if self._unfinished_tasks == 0:
            self._finished.set()

    async def join(self):
        if self._unfinished_tasks > 0:
            await self._finished.wait()


class Event:
    def __init__(self):
        self._waiters = []
        self._value = False

    def is_set(self):
        return self._value

    def set(self):
        if not self._value:
            self._value = True
            for fut in self._waiters:
                if not fut.done():
                    fut.set_result(True)

    def clear(self):
        self._value = False

    async def wait(self):
        if self._value:
            return True
        fut = get_running_loop().create_future()
        self._waiters.append(fut)
        try:
            await fut
            return True
        finally:
            _remove(self._waiters, fut)


class Lock:
    def __init__(self):
        self._waiters = []
        self._locked = False

    def locked(self):
        return self._locked

    async def acquire(self):
        if not self._locked and all(w.cancelled() for w in self._waiters):
            self._locked = True
            return True
        fut = get_running_loop().create_future()
        self._waiters.append(fut)
        try:
            try:
                await fut
            finally:
                _remove(self._waiters, fut)
        except CancelledError:
            if not self._locked:
                self._wake_up_first()
            raise
        self._locked = True
        return True

    def release(self):
        if not self._locked:
            raise RuntimeError("Lock is not acquired.")
        self._locked = False
        self._wake_up_first()

    def _wake_up_first(self):
        if self._waiters:
            fut = self._waiters[0]
            if not fut.done():
                fut.set_result(True)

    async def __aenter__(self):
        await self.acquire()
        return None

    async def __aexit__(self, exc_type, exc, tb):
        self.release()


class Semaphore:
    def __init__(self, value=1):
        if value < 0:
            raise ValueError("Semaphore initial value must be >= 0")
        self._value = value
        self._waiters = []

    def locked(self):
        return self._value == 0 or any(not w.cancelled() for w in self._waiters)

    async def acquire(self):
        while self._value <= 0:
            fut = get_running_loop().create_future()
            self._waiters.append(fut)
            try:
                await fut
            finally:
                _remove(self._waiters, fut)
        self._value -= 1
        return True

    def release(self):
        self._value += 1
        for fut in self._waiters:
            if not fut.done():
                fut.set_result(True)
                break

    async def __aenter__(self):
        await self.acquire()
        return None

    async def __aexit__(self, exc_type, exc, tb):
        self.release()


class BoundedSemaphore(Semaphore):
    def __init__(self, value=1):
        self._bound_value = value
        super().__init__(value)

    def release(self):
        if self._value >= self._bound_value:
            raise ValueError("BoundedSemaphore released too many times")
        super().release()
