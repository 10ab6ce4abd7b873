a, b = 1, 2
print(a, b)
(c, d), e = (3, 4), 5
print(c, d, e)
first, *rest = [1, 2, 3, 4]
print(first, rest)
*init, last = "hello"
print(init, last)
head, *middle, tail = range(6)
print(head, middle, tail)
x, *empty, y = [1, 2]
print(x, empty, y)
p, q, r = "xyz"
print(p, q, r)
for i, (name, score) in enumerate([("a", 1), ("b", 2)]):
    print(i, name, score)
for key, *values in [("k1", 1, 2), ("k2",)]:
    print(key, values)
numbers = [3, 1, 2]
print(*numbers, sep=", ")
print([*numbers, *"ab"], (*numbers,), {*numbers} == {1, 2, 3})
defaults = {"a": 1}
print({**defaults, "b": 2}, dict(**defaults, c=3))
def area(w, h):
    return w * h
size = (3, 4)
print(area(*size), area(**{"w": 5, "h": 6}))
try:
    m, n = [1, 2, 3]
except ValueError as e:
    print("ValueError:", e)
try:
    m, n, o = [1, 2]
except ValueError as e:
    print("ValueError:", e)
one = two = 0
one += 1
print(one, two)
