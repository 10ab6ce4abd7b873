values = [1, 2.0, "s", b"b", True, None, [1], (1,), {1: 2}, {1}, range(1)]
for v in values:
    print(type(v).__name__, type(v))
print(isinstance(1, int), isinstance(True, int), isinstance(1, float), isinstance(1, (float, int)))
print(type(1) is int, type(True) is int, type(True) == bool, type("") is str)
print(isinstance([], (list, tuple)), isinstance((), list), isinstance("x", object))

class Base:
    pass

class Child(Base):
    pass

c = Child()
print(type(c), type(c).__name__, isinstance(c, Base), type(c) is Base, type(Child), type(type))
print(str(type(c)) == "<class '__main__.Child'>", repr(Base))
print(type(ValueError("x")).__name__, isinstance(ValueError(), Exception))
print(isinstance(KeyboardInterrupt(), Exception), isinstance(KeyboardInterrupt(), BaseException))
print(type(lambda: 0).__name__, type(x for x in []).__name__)
print(int, float, str, list, dict, set, tuple, bool, type(None))
