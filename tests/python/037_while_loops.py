def collatz_steps(n):
    steps = 0
    while n != 1:
        n = n // 2 if n % 2 == 0 else 3 * n + 1
        steps += 1
    return steps

print([collatz_steps(n) for n in range(1, 12)], collatz_steps(27))

def gcd(a, b):
    while b:
        a, b = b, a % b
    return a

print(gcd(48, 18), gcd(17, 5), gcd(2 ** 40, 6 ** 20))

stack = [1, [2, [3, [4]]]]
depth = 0
while stack:
    depth += 1
    stack = stack[-1] if isinstance(stack[-1], list) else []
print("depth", depth)

queue_items = list("abc")
while queue_items:
    print("processing", queue_items.pop(0), "left", len(queue_items))

digits = []
n = 90210
while n > 0:
    n, d = n // 10, n % 10
    digits.append(d)
print(digits[::-1])
