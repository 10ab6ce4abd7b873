t = (1, "two", 3.0)
print(t, len(t), t[1], t[-1], type(t).__name__)
print((), (5,), (5), tuple("ab"), tuple([1, 2]), tuple(range(3)))
single = 7,
print(single, type(single).__name__)
print((1, 2) + (3,), (0,) * 3, 2 in (1, 2), (1, 2) == (1, 2), (1, 2) < (1, 3))
print((1, 2, 2, 3).count(2), (1, 2, 3).index(3))
nested = ((1, 2), (3, (4, 5)))
print(nested[1][1][0], nested)
a, b, c = t
print(a, b, c)
x, y = 1, 2
x, y = y, x
print(x, y)
try:
    t[0] = 9
except TypeError as e:
    print("TypeError:", e)
holder = ([1], [2])
holder[0].append(10)
print(holder)
print(hash((1, 2)) == hash((1, 2)), {(1, 2): "point"}[(1, 2)])
print(sorted([(2, "b"), (1, "z"), (2, "a")]), max((1, 9), (2, 0)))
def min_max(values):
    return min(values), max(values)
lo, hi = min_max([4, 8, 1])
print(lo, hi, min_max("hello"))
