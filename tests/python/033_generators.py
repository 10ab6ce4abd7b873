def countdown(n):
    print("start countdown")
    while n > 0:
        yield n
        n -= 1
    print("done counting")
    return "finished"

gen = countdown(3)
print(type(gen).__name__)
print(next(gen))
print(next(gen))
print(list(gen))
try:
    next(gen)
except StopIteration as e:
    print("StopIteration again, value:", e.value)

g2 = countdown(1)
next(g2)
try:
    next(g2)
except StopIteration as e:
    print("StopIteration value:", e.value)

def fibonacci():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b

fib = fibonacci()
print([next(fib) for _ in range(12)])

def pairs(items):
    for i, item in enumerate(items):
        for other in items[i + 1:]:
            yield item, other

print(list(pairs("abc")), sum(1 for _ in pairs(range(10))))

def read_chunks(text, size):
    for start in range(0, len(text), size):
        yield text[start:start + size]

for chunk in read_chunks("многопоточность", 4):
    print(repr(chunk))
print(next(iter(countdown(0)), "empty"))
