import sys

print(sys.getrecursionlimit())

def depth(n):
    return depth(n + 1)

try:
    depth(0)
except RecursionError as e:
    print("RecursionError:", e)
    print(isinstance(e, RuntimeError))

def factorial(n):
    return 1 if n <= 1 else n * factorial(n - 1)

print(factorial(500) % 10 ** 9 == 0, len(str(factorial(500))))

def ping(n):
    return "pong" if n == 0 else pong(n - 1)

def pong(n):
    return "ping" if n == 0 else ping(n - 1)

print(ping(400), ping(401))
try:
    ping(10 ** 6)
except RecursionError as e:
    print("mutual recursion:", e)
print("still alive, limit", sys.getrecursionlimit())
