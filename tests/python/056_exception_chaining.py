def load(name):
    try:
        return {"a": 1}[name]
    except KeyError as e:
        raise LookupFailed(name) from e

class LookupFailed(Exception):
    def __init__(self, name):
        super().__init__("cannot load " + repr(name))

def chain_of(e):
    links = []
    while e is not None:
        links.append(f"{type(e).__name__}({e})")
        e = e.__cause__ or e.__context__
    return " <- ".join(links)

try:
    load("zzz")
except LookupFailed as e:
    print(chain_of(e))

def cleanup_fails():
    try:
        raise ValueError("original")
    finally:
        try:
            raise TypeError("during cleanup")
        except TypeError:
            pass

try:
    cleanup_fails()
except ValueError as e:
    print("original survives:", e, repr(e.__context__))

def nested():
    try:
        try:
            1 / 0
        except ZeroDivisionError as inner:
            raise KeyError("k") from inner
    except KeyError as middle:
        raise RuntimeError("outer")

try:
    nested()
except RuntimeError as e:
    print(chain_of(e))
    print(e.__cause__ is None, type(e.__context__.__cause__).__name__)
