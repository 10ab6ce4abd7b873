# A generator left suspended in try/finally or with is closed when dropped.
def read_lines():
    print("open")
    try:
        for i in range(5):
            yield i
    finally:
        print("close")

for line in read_lines():
    print("line", line)
    if line == 1:
        break
print("after the loop")

def stubborn():
    try:
        yield 1
    except GeneratorExit:
        print("ignoring GeneratorExit")
        yield 2

s = stubborn()
next(s)
try:
    s.close()
except RuntimeError as e:
    print("RuntimeError:", e)

def with_cm():
    class CM:
        def __enter__(self): print("enter"); return self
        def __exit__(self, *a): print("exit", a[0].__name__ if a[0] else None)
    with CM():
        yield 1
        yield 2
g = with_cm()
print(next(g))
g = None
print("end")
