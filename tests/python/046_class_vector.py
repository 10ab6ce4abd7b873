class Vector:
    def __init__(self, x, y):
        self.x, self.y = x, y

    def __repr__(self):
        return f"Vector({self.x}, {self.y})"

    def __add__(self, other):
        return Vector(self.x + other.x, self.y + other.y)

    def __eq__(self, other):
        return self.x == other.x and self.y == other.y

    def __lt__(self, other):
        return (self.x ** 2 + self.y ** 2) < (other.x ** 2 + other.y ** 2)

    def scaled(self, k):
        return Vector(self.x * k, self.y * k)

class Vector3(Vector):
    def __init__(self, x, y, z):
        super().__init__(x, y)
        self.z = z

    def __repr__(self):
        return "Vector3(" + ", ".join(str(c) for c in (self.x, self.y, self.z)) + ")"

    def __str__(self):
        return f"<{self.x} {self.y} {self.z}>"

v = Vector(1, 2) + Vector(3, 4)
print(v, str(v), repr(v), [v], f"{v!r:>20}")
print(v == Vector(4, 6), v != Vector(4, 6), v.scaled(0.5), v.scaled(-1) < v)
print(sorted([Vector(3, 4), Vector(0, 1), Vector(-2, 0)]))
w = Vector3(1, 2, 3)
print(w, repr(w), [w], w + Vector(10, 10), isinstance(w + v, Vector3))
print(hash(Vector3) == hash(Vector3), Vector.__eq__(w, Vector(1, 2)))
try:
    hash(v)
except TypeError as e:
    print("TypeError:", e)
