import math

print(math.sqrt(16), math.sqrt(2), math.sqrt(0.25), math.sqrt(1e100))
print(math.floor(2.7), math.floor(-2.7), math.ceil(2.1), math.ceil(-2.1), math.floor(5), math.ceil(10 ** 20 + 0.0))
print(type(math.floor(2.5)).__name__, type(math.ceil(2.5)).__name__, type(math.sqrt(4)).__name__)
print(math.isqrt(17), math.isqrt(10 ** 40), math.isqrt(2 ** 200 + 1), math.isqrt(0))
print(math.pi, round(math.pi, 2), f"{math.pi:.10f}", math.pi * 2)
print(math.inf, -math.inf, math.inf > 10 ** 300, math.inf == float("inf"))
r = 2.5
print("circle area:", math.pi * r ** 2, f"{math.pi * r ** 2:.3f}")
print(math.sqrt(3) ** 2, math.isqrt(99) ** 2 <= 99 < (math.isqrt(99) + 1) ** 2)
for bad in (-1, -0.5):
    try:
        math.sqrt(bad)
    except ValueError as e:
        print("ValueError:", e)
try:
    math.isqrt(-4)
except ValueError as e:
    print("ValueError:", e)
print(math.floor(-0.5), math.ceil(-0.5), math.sqrt(math.inf), math.sqrt(-0.0))
