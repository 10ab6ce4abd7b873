a = [1, 2]
b = a
c = [1, 2]
print(id(a) == id(b), id(a) == id(c), a is b, a is c, a == c)
print(isinstance(id(a), int), id(a) == id(a))
print(hash(1) == hash(1.0) == hash(True), hash("abc") == hash("ab" + "c"))
print(hash((1, "x")) == hash((1, "x")), hash(None) == hash(None), isinstance(hash("s"), int))
print(hash(2 ** 100) == hash(2 ** 100), hash("a") == hash("b") or "a" != "b")
class Plain:
    pass
p, q = Plain(), Plain()
print(hash(p) == hash(p), p == q, p is p, id(p) != id(q))
seen = {p: "p"}
print(seen[p], q in seen)
for unhashable in ([1], {"k": 1}, {1}):
    try:
        hash(unhashable)
    except TypeError as e:
        print("TypeError:", e)
x = 10 ** 20
y = 10 ** 20
print(x == y, hash(x) == hash(y), hash(x) == hash(float(x)))
