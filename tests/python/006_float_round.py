for x in [0.5, 1.5, 2.5, 3.5, -0.5, -1.5, -2.5]:
    print(x, "->", round(x), type(round(x)).__name__)
print(round(2.675, 2), round(1.005, 2), round(0.125, 2), round(0.375, 2))
print(round(3.14159, 3), round(3.14159, 0), round(-3.7), round(1234.5678, -2))
print(round(1234, -2), round(1250, -2), round(1350, -2), round(7, 1))
print(round(0.1 + 0.2, 1), round(1 / 3, 5), round(2 / 3, 2))
print(round(1e16 + 1.0), round(2.5e-7, 7), round(-0.0, 1))
print(round(123.456, 1), round(0.05, 1), round(0.15, 1), round(0.25, 1))
print(round(1.0512, 1), round(4.99999, 2), round(1e300, 2))
