names = ["Аня", "Боря", "Вика"]
print(list(enumerate(names)), list(enumerate(names, start=1)))
for i, name in enumerate(names, 10):
    print(i, name)
print(list(zip([1, 2, 3], "ab")), list(zip()), list(zip(range(3), range(10, 13), "xyz")))
print(dict(zip(names, [3, 4, 4])))
print(list(reversed([1, 2, 3])), "".join(reversed("abc")), list(reversed(range(3))))
print(sum([1, 2, 3]), sum([1, 2], 10), sum([0.1] * 10), sum([[1], [2]], []))
print(min(3, 1, 2), max("apple", "pear"), min([], default="empty"), max([5], default=0))
print(min("hello"), max([(1, "b"), (1, "c")]), max(names, key=len))
print(any([]), all([]), any([0, "", None]), all([1, "x", [0]]), any(x > 2 for x in [1, 3]))
it = iter([10, 20])
print(next(it), next(it), next(it, "default"))
try:
    next(it)
except StopIteration as e:
    print("StopIteration", repr(e))
print(sorted("hello"), sorted([3, 1, 2], reverse=True), sorted({"b": 1, "a": 2}))
print(sorted(names, key=lambda s: s[-1]), len(names), len({"a": 1}), len(range(5)))
it2 = iter("ab")
print(iter(it2) is it2, list(it2), list(it2))
print(list(map(str, [1, 2])), list(map(lambda a, b: a * b, [1, 2, 3], [4, 5])))
print(list(filter(None, [0, 1, "", "x", None, [], [0]])), list(filter(str.isdigit, "a1b2")))
try:
    min([])
except ValueError as e:
    print("ValueError:", e)
