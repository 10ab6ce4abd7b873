# Small dicts and objects' attributes are found by comparing names; past eight
# keys, or with a key that is not a str, a dict gets a hash table. Both ways must
# keep insertion order, deletions, re-insertions and lookups the same.
d = {}
for i in range(12):
    d[f"k{i}"] = i
    if i == 3:
        del d["k1"]
        d["k1"] = "again"
print(list(d.items()))
print(d.get("k1"), d.get("k11"), d.get("nope"), "k5" in d, 5 in d)

small = {"a": 1, "b": 2}
small[1] = "int key"
small[(1, 2)] = "tuple key"
small[1.0] = "float replaces int"
print(small, small.get(True), "a" in small)
del small["a"]
print(small, len(small))

s = {"x", "y"}
t = {"y", "x"}
print(s == t, s <= t, s.isdisjoint({"z"}), sorted(s | {1, 2} - {1}, key=str))


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def norm1(self):
        return abs(self.x) + abs(self.y)


points = [Point(i, -i) for i in range(3)]
points[1].label = "middle"  # one object with an attribute the others lack
del points[0].x
points[0].x = 10  # the attribute comes back in another place
print([p.norm1() for p in points], points[1].label, points[0].x, points[0].y)


class Many:
    pass


m = Many()
for i in range(20):
    setattr(m, f"a{i}", i)
print(m.a0, m.a19, sum(getattr(m, f"a{i}") for i in range(20)))

# A method found on the class, then shadowed on one object.
p = Point(1, 2)
print(p.norm1())
p.norm1 = lambda: "shadowed"
print(p.norm1(), Point(3, 4).norm1())
