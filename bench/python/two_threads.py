# The same CPU-bound loop on one thread, then on two at once: with the GIL the two
# take turns (about 2x the time), without it they run in parallel (about 1x on two
# cores). Prints the ratio of the two threads' wall time to one thread's.
import threading
import time


def count():
    c = 0
    for i in range(1_000_000):
        c += i % 7


count()  # warm-up: a browser first runs wasm in its baseline compiler
start = time.perf_counter()
count()
one = time.perf_counter() - start
threads = [threading.Thread(target=count) for _ in range(2)]
start = time.perf_counter()
for t in threads:
    t.start()
for t in threads:
    t.join()
print((time.perf_counter() - start) / one)
