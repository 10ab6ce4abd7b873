for exc in [RuntimeError("loop stopped"), TimeoutError("took too long"), MemoryError("pretend out of memory"),
            StopIteration("done"), AssertionError("bad state"), RecursionError("too deep")]:
    try:
        raise exc
    except Exception as e:
        print(type(e).__name__, "|", e, "|", repr(e))
print(isinstance(RecursionError(), RuntimeError), isinstance(TimeoutError(), Exception))
try:
    raise KeyboardInterrupt
except Exception:
    print("not reached: KeyboardInterrupt is not an Exception")
except KeyboardInterrupt as e:
    print("KeyboardInterrupt caught:", repr(e))
try:
    try:
        raise KeyboardInterrupt("Ctrl+C")
    finally:
        print("finally runs on KeyboardInterrupt")
except BaseException as e:
    print(type(e).__name__, e, isinstance(e, Exception))
try:
    raise MemoryError()
except MemoryError as e:
    print("MemoryError caught", repr(e), e.args)
def stop_inside_generator():
    yield 1
    raise StopIteration("inside")
try:
    list(stop_inside_generator())
except RuntimeError as e:
    print("RuntimeError:", e, "| cause:", repr(e.__cause__))
print(Exception("a", 2).args, str(Exception()), repr(Exception("x")), str(Exception("a", 2)))
