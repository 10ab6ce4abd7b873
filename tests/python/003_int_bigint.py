def factorial(n):
    result = 1
    for i in range(2, n + 1):
        result *= i
    return result

print(2 ** 200)
print(factorial(30))
print(factorial(60))
big = factorial(100)
print(len(str(big)), str(big)[:20], str(big)[-30:])
print(-(2 ** 100), (-2) ** 101)
print(2 ** 64 - 1, 2 ** 63, -(2 ** 63) - 1)
print(10 ** 30 // 7, 10 ** 30 % 7)
print(-(10 ** 30) // 7, -(10 ** 30) % 7)
print((2 ** 128) * (3 ** 80))
print(2 ** 200 // 2 ** 190, 2 ** 200 > 10 ** 60, 2 ** 200 < 10 ** 61)
n = 12345678901234567890123456789
print(n * n, n + 1, n - n, n // 1000000007, n % 1000000007)
print(int("9" * 40) + 1)
print(sum(range(1, 10 ** 6 + 1)))
print(hash(2 ** 100) == hash(2 ** 100), 2 ** 100 == 2.0 ** 100)
print(2 ** 100 / 2 ** 99, float(2 ** 80))
fib = [0, 1]
while len(fib) < 120:
    fib.append(fib[-1] + fib[-2])
print(fib[-1], abs(-fib[-1]) == fib[-1])
