a, b = 17, 5
print(a + b, a - b, a * b, a / b, a // b, a % b, a ** b)
print(-a + b, -(a * b), +a)
print(2 + 3 * 4, (2 + 3) * 4, 2 ** 3 ** 2, -2 ** 2, (-2) ** 2)
print(10 / 2, type(10 / 2).__name__, 10 // 2, type(10 // 2).__name__)
print(7 // 2.0, 7 % 2.5, 2 ** -1, 2 ** 0.5)
print(1_000_000 + 1, 0x1F, 0o17, 0b1011)
print(int("123") + 1, int("-0042"), int("  7  "), int("ff", 16), int("z", 36))
print(3 & 5, 3 | 5, 3 ^ 5, ~5, 1 << 10, 1024 >> 3, -17 >> 2)
print(abs(-7), abs(7), abs(0))
x = 5
x += 2
x *= 3
x -= 1
x //= 4
x **= 2
x %= 7
print(x)
print(True + True, True * 10, False - 1)
print(int(3.99), int(-3.99), int(True), int("10", 2))
print(10 == 10.0, 1 != 2, 3 >= 3, 2 < 1)
