import math

inf = float("inf")
nan = float("nan")
print(inf, -inf, nan, math.inf, -math.inf)
print(inf > 1e308, -inf < -1e308, inf == math.inf, inf + 1 == inf)
print(inf - inf, inf * 0, nan + 1, 0 * inf)
print(nan == nan, nan != nan, nan < 1, nan > 1, nan is nan)
print(1 / inf, -1 / inf, inf / 2, -inf * -1)
print(str(inf), repr(-inf), str(nan), repr(nan))
print(max(1, inf), min(-inf, 0), sorted([3, inf, -inf, 0]))
print(float("Infinity"), float("-iNF"), float("NaN"))
print(f"{inf:.2f} {-inf:>8} {nan:.3f} {inf:,}")
values = [1.0, nan, 2.0]
print([v for v in values if v == v])
try:
    int(nan)
except ValueError as e:
    print("ValueError:", e)
print(round(2.5), round(inf, 2), round(-inf, 1), round(nan, 3))
