print(abs(-5), abs(5), abs(-2.5), abs(0.0), abs(-0.0), abs(-(10 ** 30)), abs(True))
print(round(2.567, 2), round(2.5), round(3.5), round(-2.5), round(10), round(17, -1))
print(type(round(2.5)).__name__, type(round(2.5, 0)).__name__, type(round(7, 1)).__name__)
print(min(1, 2.0), max(1, 1.0), max(1.0, 1), min([3, 1, 2]), max("abc", "abd", "ab"))
print(max([1, 5, 3], key=lambda v: -v), min(["bb", "a", "ccc"], key=len))
print(min((2, "b"), (2, "a")), max(range(-5, 3), key=abs))
print(sum([0.5, 0.25]), sum(range(10), start=100), sum([]))
scores = {"ann": 91, "bob": 78, "cid": 91}
best = max(scores, key=scores.get)
print(best, min(scores.values()), sorted(scores.items(), key=lambda kv: (-kv[1], kv[0])))
try:
    max()
except TypeError as e:
    print("TypeError:", e)
try:
    max(1, "a")
except TypeError as e:
    print("TypeError:", e)
try:
    abs("x")
except TypeError as e:
    print("TypeError:", e)
