def echo():
    received = []
    try:
        while True:
            x = yield len(received)
            received.append(x)
    except GeneratorExit:
        print("closing with", received)
    finally:
        print("finally runs")
g = echo()
print(next(g), g.send("a"), g.send("b"))
g.close()
g.close()
print(next(g, "exhausted"))
def inner():
    got = yield 1
    print("inner got", got)
    yield 2
    return "inner result"
def outer():
    r = yield from inner()
    print("outer got", r)
    yield from [10, 20]
    return "outer done"
o = outer()
print(next(o), o.send("hi"), next(o), next(o))
try:
    next(o)
except StopIteration as e:
    print("stop", e.value)
def catcher():
    while True:
        try:
            yield "waiting"
        except ValueError as e:
            print("caught", e)
def delegate():
    yield from catcher()
d = delegate()
next(d)
print(d.throw(ValueError("passed through yield from")))
try:
    d.throw(KeyError("k"))
except KeyError as e:
    print("KeyError out:", repr(e))
def bad():
    yield 1
    raise StopIteration("x")
try:
    list(bad())
except RuntimeError as e:
    print("RuntimeError:", e, "| cause:", type(e.__cause__).__name__)
try:
    echo().send(1)
except TypeError as e:
    print("TypeError:", e)
gen = (i * i for i in range(4))
print(type(gen).__name__, 4 in gen, list(gen), list(gen))
print(list(zip(*(range(3) for _ in range(2)))), dict((k, v) for k, v in enumerate("ab")))
