pairs = [(7, 2), (-7, 2), (7, -2), (-7, -2), (0, 3), (-1, 3), (1, -3), (6, 3), (-6, 3)]
for a, b in pairs:
    q, r = a // b, a % b
    print(f"{a:>3} // {b:>2} = {q:>3}   {a:>3} % {b:>2} = {r:>3}   check {q * b + r == a}")
print(-7.5 // 2, -7.5 % 2, 7.5 % -2, -0.5 // 1)
print(-(2 ** 70) // 3, -(2 ** 70) % 3, (2 ** 70) % -3)
print(-1 % 10, -11 % 10, -10 % 10)
try:
    print(5 // 0)
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
try:
    print(5 % 0)
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
try:
    print(5.0 / 0)
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
try:
    print(5.0 // 0.0)
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
