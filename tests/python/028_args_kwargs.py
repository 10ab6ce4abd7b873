def show(*args, **kwargs):
    print("args =", args, "kwargs =", kwargs)

show()
show(1, 2, 3)
show(a=1, b=2)
show(1, "x", key="value", other=None)
show(*[1, 2], *(3,), **{"z": 26}, y=25)

def total(first, *rest, scale=1, **options):
    result = (first + sum(rest)) * scale
    if options.get("negate"):
        result = -result
    return result

print(total(1), total(1, 2, 3), total(1, 2, scale=10), total(5, negate=True))

def describe(name, **attrs):
    parts = [f"{k}={v!r}" for k, v in attrs.items()]
    return name + "(" + ", ".join(parts) + ")"

print(describe("Cat", color="black", age=3, tags=["soft"]))

def wrapper(*args, **kwargs):
    return describe(*args, **kwargs)

print(wrapper("Dog", legs=4))
print(max(*[3, 7, 5]), min(4, *(9, 1)))
try:
    describe("X", name="dup")
except TypeError as e:
    print("TypeError:", e)
try:
    show(**{1: "not a string key"})
except TypeError as e:
    print("TypeError:", e)
