print(True, False, None)
print(type(True).__name__, type(None).__name__, isinstance(True, int))
print(True + True, True * 3, False + 0, True == 1, False == 0, True is True)
print(bool(0), bool(1), bool(-2), bool(0.0), bool(""), bool("0"), bool([]), bool([0]))
print(bool({}), bool(set()), bool(()), bool(None), bool(range(0)), bool(range(1)))
print(not None, not 0, not "x", None is None, None == None, None == 0)
print(repr(None), str(True), f"{False}", f"{None!r}")
print(1 and 2, 0 and 2, 1 or 2, 0 or 2, None or "default", "" or [] or 0)
print(True and None, None and True, False or None)

def nothing():
    pass

print(nothing(), nothing() is None)
x = None
if x is None:
    print("x is None")
if not x:
    print("x is falsy")
print(sorted([True, False, True]), sum([True, True, False]), max(False, True))
print(int(True), float(False), str(None), [None] * 3)
