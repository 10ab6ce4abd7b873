def noisy(values):
    for v in values:
        print("  producing", v)
        yield v

print("build")
gen = (v * 10 for v in noisy([1, 2, 3]))
print("first:", next(gen))
print("rest:", list(gen))
print("any stops early:", any(v > 1 for v in noisy([0, 5, 9])))
print("all stops early:", all(v < 1 for v in noisy([0, 5, 9])))
squares = map(lambda x: x * x, noisy([4, 5]))
print("map is lazy, now consume")
print(list(squares))
evens = filter(lambda x: x % 2 == 0, range(10))
print(next(evens), next(evens), list(evens))
it = iter([1, 2, 3])
print(next(it), list(zip(it, "ab")))
print(sum(x for x in range(5)), sorted(x % 3 for x in range(7)), min(c for c in "zebra"))
total = 0
for n in (i * i for i in range(1, 5)):
    total += n
print(total)
