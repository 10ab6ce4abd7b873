square = lambda x: x * x
add = lambda a, b=10: a + b
print(square(7), add(1), add(1, 2), (lambda: "no args")())
people = [("Ann", 31), ("bob", 25), ("Cid", 31), ("dee", 19)]
print(sorted(people, key=lambda p: p[1]))
print(sorted(people, key=lambda p: (-p[1], p[0])))
print(sorted(people, key=lambda p: p[0].lower(), reverse=True))
print(min(people, key=lambda p: p[1]), max(people, key=lambda p: p[1]))
print(list(map(lambda x: x + 1, [1, 2, 3])), list(filter(lambda s: "a" in s, ["cat", "dog", "bat"])))
ops = {"+": lambda a, b: a + b, "-": lambda a, b: a - b, "*": lambda a, b: a * b}
print([ops[o](6, 3) for o in "+-*"])
print(sorted([3, -1, 2, -5], key=abs), sorted("Banana", key=str.lower))
print(sorted([[2, "b"], [1, "c"], [2, "a"]]), sorted([0.5, -1, 3, 2.5]))
stable = sorted(["bb", "a", "cc", "d", "aa"], key=len)
print(stable)
compose = lambda f, g: lambda x: f(g(x))
print(compose(square, lambda x: x + 1)(3))
