# threading, written over the interpreter's _thread as CPython's Lib/threading.py is:
# a Thread is an object whose start() runs _bootstrap on a new real thread, and
# whose join() waits on a lock that thread holds until it ends.
import _thread
import _potoki

_counter = 0
_active = {}
_shutdown_list = []

get_ident = _thread.get_ident
Lock = _thread.allocate_lock
local = _thread._local
TIMEOUT_MAX = 1e9


def _new_name(target):
    global _counter
    _counter += 1
    if target is None:
        return f"Thread-{_counter}"
    return f"Thread-{_counter} ({target.__name__})"


class Thread:
    def __init__(self, group=None, target=None, name=None, args=(), kwargs=None, *, daemon=None):
        self._target = target
        self._args = args
        self._kwargs = {} if kwargs is None else kwargs
        self.name = _new_name(target) if name is None else str(name)
        self._started = False
        self.daemon = current_thread().daemon if daemon is None else bool(daemon)
        self.ident = None
        self._done = _thread.allocate_lock()
        # The run's record: a task per thread the program starts (not the
        # executor's workers, whose tasks are the futures).
        self._record = True
        self._task = None
        self._delivered = False

    def start(self):
        if self._started:
            raise RuntimeError("threads can only be started once")
        self._started = True
        self._done.acquire()
        # Like CPython, start() returns once the new thread runs.
        self._running = _thread.allocate_lock()
        self._running.acquire()
        if not self.daemon:
            _shutdown_list.append(self)
        if self._record:
            target = self.run if self._target is None else self._target
            self._task = _potoki.submit(target, self._args, self._kwargs)
        try:
            _thread.start_new_thread(self._bootstrap_inner, ())
        except BaseException as e:
            self._done.release()
            if self._task is not None:
                _potoki.finished(self._task, e, None)
            raise
        self._running.acquire()

    # Named and numbered as CPython 3.11's, for tracebacks that read the same.
    def _bootstrap_inner(self):
        self.ident = _thread.get_ident()
        _active[self.ident] = self
        self._running.release()
        if self._task is not None:
            _potoki.started(self._task, self.name)
        try:
            self.run()  # CPython: 1045
        except BaseException as e:
            if self._task is not None:
                _potoki.finished(self._task, e, None)
            _thread._excepthook(e, self.name)
        else:
            if self._task is not None:
                _potoki.finished(self._task, None, None)
        finally:
            del _active[self.ident]
            self._done.release()

    def run(self):
        if self._target is not None:
            self._target(*self._args, **self._kwargs)  # CPython: 982

    def join(self, timeout=None):
        if not self._started:
            raise RuntimeError("cannot join thread before it is started")
        if self is current_thread():
            raise RuntimeError("cannot join current thread")
        if timeout is None:
            self._done.acquire()
            self._done.release()
        elif self._done.acquire(True, max(timeout, 0)):
            self._done.release()
        else:
            return
        if self._task is not None and not self._delivered:
            self._delivered = True
            _potoki.delivered(self._task)

    def is_alive(self):
        return self._started and self._done.locked()

    def getName(self):
        return self.name

    def __repr__(self):
        state = "started" if self.is_alive() else ("stopped" if self._started else "initial")
        return f"<{type(self).__name__}({self.name}, {state})>"

    @property
    def daemon(self):
        return self._daemonic

    @daemon.setter
    def daemon(self, daemonic):
        if self._started:
            raise RuntimeError("cannot set daemon status of active thread")
        self._daemonic = bool(daemonic)


class _MainThread(Thread):
    def __init__(self):
        self._target = None
        self._args = ()
        self._kwargs = {}
        self.name = "MainThread"
        self._daemonic = False
        self.ident = _thread.get_ident()
        self._started = True
        self._done = _thread.allocate_lock()
        self._done.acquire()
        self._record = False
        self._task = None


_main = _MainThread()


def current_thread():
    return _active.get(_thread.get_ident(), _main)


def main_thread():
    return _main


def active_count():
    return len(_active) + 1


def enumerate():
    return [_main] + list(_active.values())


def _shutdown():
    # Python waits for every non-daemon thread before it exits. This wait is not
    # the program's join(): no result is delivered to it (threads_no_join never
    # learns that its threads ended).
    for thread in _shutdown_list:
        thread._done.acquire()
        thread._done.release()


class RLock:
    def __init__(self):
        self._block = _thread.allocate_lock()
        self._owner = None
        self._count = 0

    def acquire(self, blocking=True, timeout=-1):
        me = _thread.get_ident()
        if self._owner == me:
            self._count += 1
            return True
        if not self._block.acquire(blocking, timeout):
            return False
        self._owner = me
        self._count = 1
        return True

    def release(self):
        if self._owner != _thread.get_ident():
            raise RuntimeError("cannot release un-acquired lock")
        self._count -= 1
        if self._count == 0:
            self._owner = None
            self._block.release()

    def __enter__(self):
        return self.acquire()

    def __exit__(self, *args):
        self.release()

    def _release_save(self):
        count, owner = self._count, self._owner
        self._count, self._owner = 0, None
        self._block.release()
        return count, owner

    def _acquire_restore(self, state):
        self._block.acquire()
        self._count, self._owner = state

    def _is_owned(self):
        return self._owner == _thread.get_ident()


class Condition:
    def __init__(self, lock=None):
        self._lock = RLock() if lock is None else lock
        self._waiters = []

    def __enter__(self):
        return self._lock.__enter__()

    def __exit__(self, *args):
        return self._lock.__exit__(*args)

    def acquire(self, blocking=True, timeout=-1):
        return self._lock.acquire(blocking, timeout)

    def release(self):
        self._lock.release()

    def _release_save(self):
        if isinstance(self._lock, RLock):
            return self._lock._release_save()
        self._lock.release()
        return None

    def _acquire_restore(self, state):
        if isinstance(self._lock, RLock):
            self._lock._acquire_restore(state)
        else:
            self._lock.acquire()

    def wait(self, timeout=None):
        if not self._is_owned():
            raise RuntimeError("cannot wait on un-acquired lock")
        waiter = _thread.allocate_lock()
        waiter.acquire()
        self._waiters.append(waiter)
        saved = self._release_save()
        got = False
        try:
            if timeout is None:
                got = waiter.acquire()
            else:
                got = waiter.acquire(True, max(timeout, 0))
            return got
        finally:
            self._acquire_restore(saved)
            if not got and waiter in self._waiters:
                self._waiters.remove(waiter)

    def wait_for(self, predicate, timeout=None):
        result = predicate()
        while not result:
            if not self.wait(timeout) and timeout is not None:
                return predicate()
            result = predicate()
        return result

    def _is_owned(self):
        # CPython's guess for a plain lock: held, since acquiring it now fails.
        if isinstance(self._lock, RLock):
            return self._lock._is_owned()
        if self._lock.acquire(False):
            self._lock.release()
            return False
        return True

    def notify(self, n=1):
        if not self._is_owned():
            raise RuntimeError("cannot notify on un-acquired lock")
        for waiter in self._waiters[:n]:
            waiter.release()
        del self._waiters[:n]

    def notify_all(self):
        self.notify(len(self._waiters))


class Event:
    def __init__(self):
        self._cond = Condition(Lock())
        self._flag = False

    def is_set(self):
        return self._flag

    def set(self):
        with self._cond:
            self._flag = True
            self._cond.notify_all()

    def clear(self):
        with self._cond:
            self._flag = False

    def wait(self, timeout=None):
        with self._cond:
            if not self._flag:
                self._cond.wait(timeout)
            return self._flag


class Semaphore:
    def __init__(self, value=1):
        if value < 0:
            raise ValueError("semaphore initial value must be >= 0")
        self._cond = Condition(Lock())
        self._value = value

    def acquire(self, blocking=True, timeout=None):
        with self._cond:
            while self._value == 0:
                if not blocking:
                    return False
                if not self._cond.wait(timeout) and timeout is not None:
                    return False
            self._value -= 1
            return True

    def release(self, n=1):
        with self._cond:
            self._value += n
            self._cond.notify(n)

    def __enter__(self):
        self.acquire()

    def __exit__(self, *args):
        self.release()


class BoundedSemaphore(Semaphore):
    def __init__(self, value=1):
        super().__init__(value)
        self._initial_value = value

    def release(self, n=1):
        with self._cond:
            if self._value + n > self._initial_value:
                raise ValueError("Semaphore released too many times")
            self._value += n
            self._cond.notify(n)


class BrokenBarrierError(RuntimeError):
    pass


class Barrier:
    def __init__(self, parties, action=None, timeout=None):
        if parties < 1:
            raise ValueError("parties must be > 0")
        self._cond = Condition(Lock())
        self._action = action
        self._timeout = timeout
        self._parties = parties
        self._count = 0
        self._generation = 0
        self._broken = False

    def wait(self, timeout=None):
        if timeout is None:
            timeout = self._timeout
        with self._cond:
            if self._broken:
                raise BrokenBarrierError
            generation = self._generation
            index = self._count
            self._count += 1
            if self._count == self._parties:
                if self._action is not None:
                    try:
                        self._action()
                    except BaseException:
                        self._break()
                        raise
                self._count = 0
                self._generation += 1
                self._cond.notify_all()
                return index
            while generation == self._generation and not self._broken:
                if not self._cond.wait(timeout) and timeout is not None:
                    self._break()
                    raise BrokenBarrierError
            if self._broken:
                raise BrokenBarrierError
            return index

    def _break(self):
        self._broken = True
        self._cond.notify_all()

    def abort(self):
        with self._cond:
            self._break()

    def reset(self):
        with self._cond:
            self._broken = False
            self._count = 0
            self._generation += 1
            self._cond.notify_all()

    @property
    def parties(self):
        return self._parties

    @property
    def n_waiting(self):
        return self._count

    @property
    def broken(self):
        return self._broken
