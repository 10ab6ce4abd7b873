a = {3, 1, 4, 1, 5, 9, 2, 6}
b = set([5, 3, 5, 8, 9, 7])
print(len(a), sorted(a), sorted(b))
print(sorted(a | b), sorted(a & b), sorted(a - b), sorted(a ^ b))
print(sorted(a.union(b)), sorted(a.intersection([1, 2, 3])), sorted(a.difference({1})))
print(4 in a, 8 in a, 8 not in a, {1, 2} <= {1, 2, 3}, {1, 2} < {1, 2}, a.issuperset({1, 2}))
a.add(100)
a.add(1)
a.discard(42)
a.remove(9)
print(sorted(a), len(a))
try:
    a.remove(42)
except KeyError as e:
    print("KeyError:", e)
squares = {x * x for x in range(-3, 4)}
print(sorted(squares), len(squares))
print(set(), len(set()), set("hello") == {"h", "e", "l", "o"}, sorted(set("mississippi")))
print(type({}).__name__, type({1}).__name__, bool(set()))
seen = set()
unique = []
for item in [3, 1, 3, 2, 1, 3]:
    if item not in seen:
        seen.add(item)
        unique.append(item)
print(unique, len(seen))
c = a.copy()
c.clear()
print(len(c), len(a), {1, 2} == {2, 1}, {1} == {1.0})
try:
    {[1]}
except TypeError as e:
    print("TypeError:", e)
print(sorted({"b", "a", "c"}), sum({1, 2, 3}), max({4, 7, 1}), {1, 2}.isdisjoint({3}))
