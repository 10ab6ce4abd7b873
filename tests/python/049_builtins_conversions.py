print(int("42"), int(" -7 "), int("0x1f", 16), int("101", 2), int(9.99), int(-9.99), int("1_000"))
print(float("2.5"), float("-.5"), float(3), float("1e-3"), float("  7 "))
print(str(42), str(3.0), str([1, "a"]), str((1,)), str(None), str(b"x"), str(-0.0))
print(repr("a"), repr(1.0), repr([1, 'b']), repr({"k": (1, 2)}), repr(True))
print(bool(0), bool("False"), bool([]), bool(0.1))
print(list("abc"), list((1, 2)), list({"x": 1, "y": 2}), list(range(3)), list())
print(tuple([1, 2]), tuple("ab"), tuple(), tuple({"k": 1}))
print(dict(a=1), dict([("b", 2)]), dict({"c": 3}, d=4), dict())
print(sorted(set("banana")), sorted(set([3, 3, 1])), set())
for bad in ["abc", "1.5", "", "12 3"]:
    try:
        int(bad)
    except ValueError as e:
        print("ValueError:", e)
for bad in ["x", "1,5"]:
    try:
        float(bad)
    except ValueError as e:
        print("ValueError:", e)
try:
    int("9", 8)
except ValueError as e:
    print("ValueError:", e)
try:
    dict([1, 2])
except TypeError as e:
    print("TypeError:", e)
print(int(str(2 ** 70)) == 2 ** 70, float(str(0.1)) == 0.1, str(int("007")))
