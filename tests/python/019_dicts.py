d = {"one": 1, "two": 2}
d["three"] = 3
d["one"] = 10
print(d, len(d), d["two"], "two" in d, 2 in d)
print(list(d.keys()), list(d.values()), list(d.items()))
print(d.get("four"), d.get("four", 4), d.setdefault("five", 5), d.setdefault("one", 0))
print(d.pop("two"), d.pop("missing", "default"), d)
del d["three"]
d["three"] = 33
print(d)
d.update({"one": 1, "six": 6}, seven=7)
print(d)
try:
    d["nope"]
except KeyError as e:
    print("KeyError:", e, repr(e))
print({k: v for k, v in d.items() if v > 5})
print(dict(zip("abc", range(3))), dict(a=1, b=2), dict([("x", 1), ("y", 2)]))
counts = {}
for word in "the cat and the hat and the bat".split():
    counts[word] = counts.get(word, 0) + 1
print(counts)
print(sorted(counts, key=lambda w: (-counts[w], w)))
for key, value in counts.items():
    print(key, value, end="; ")
print()
merged = {**{"a": 1, "b": 2}, **{"b": 20, "c": 30}}
print(merged, merged == {"c": 30, "a": 1, "b": 20})
print(d.popitem(), {}.get(1), {1: "int", 1.0: "float", True: "bool"})
print(list(reversed({"x": 1, "y": 2})), dict.fromkeys("ab", 0), {}.copy())
try:
    {}.popitem()
except KeyError as e:
    print("KeyError:", e)
