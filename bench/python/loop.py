# A pure-Python loop at module level, as a student writes it: bytecode speed.
# Prints the milliseconds.
import time

start = time.perf_counter()
c = 0
for i in range(3_000_000):
    c += i % 7
print((time.perf_counter() - start) * 1000)
