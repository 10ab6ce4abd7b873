class Empty:
    pass

def todo():
    pass

for _ in range(2):
    pass
print(type(Empty()).__name__, todo())

assert 1 + 1 == 2
assert [1], "non-empty lists are true"
try:
    assert 2 + 2 == 5, "math is broken"
except AssertionError as e:
    print("AssertionError:", e)
try:
    assert False
except AssertionError as e:
    print("AssertionError with no message:", repr(e), e.args)

x = 10
del x
try:
    print(x)
except NameError as e:
    print("NameError:", e)
items = [0, 1, 2, 3, 4, 5]
del items[0], items[-1]
print(items)
del items[::2]
print(items)
d = {"a": 1, "b": 2}
del d["a"]
print(d)
try:
    del d["zzz"]
except KeyError as e:
    print("KeyError:", e)
e_obj = Empty()
e_obj.attr = 1
del e_obj.attr
try:
    e_obj.attr
except AttributeError as e:
    print("AttributeError:", e)
a, b = 1, 2
del a, b
try:
    print(a + b)
except NameError as e:
    print("NameError:", e)
