print("{} + {} = {}".format(2, 3, 2 + 3))
print("{0} {1} {0}".format("a", "b"))
print("{name} is {age} years old".format(name="Ann", age=30))
print("[{:>6}] [{:<6}] [{:^6}] [{:*^7}]".format("r", "l", "c", "s"))
print("{:.3f} {:8.2f} {:e} {:g} {:g}".format(3.14159, 2.5, 12345.678, 0.00001, 123456789.0))
print("{:d} {:5d} {:05d} {:+d} {:,} {:_}".format(42, 42, 42, 42, 1234567, 1234567))
print("{:x} {:X} {:o} {:b} {:#x} {:#b}".format(255, 255, 8, 5, 255, 5))
print("{:%} {:.1%} {:.0%}".format(0.25, 0.125, 1 / 3))
print("{!r} {!s}".format("text", "text"))
point = {"x": 1, "y": 2}
print("({x}, {y})".format(**point), "{0[x]}".format(point))
print("{{braces}} {}".format("ok"))
items = [("apple", 1.5, 3), ("banana", 0.25, 12), ("cherry", 10, 1)]
for name, price, qty in items:
    print("{:<8}|{:>7.2f}|{:>4}".format(name, price, qty))
print("{:>{w}}|".format("dyn", w=6), "{:.{p}f}".format(1 / 3, p=4))
