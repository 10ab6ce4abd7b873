# 1000 zero tasks through executor.submit + as_completed: the pool's own cost.
# Prints the milliseconds, after one warm-up task (the pool's first thread).
from concurrent.futures import ThreadPoolExecutor, as_completed
import time


def zero():
    return 0


with ThreadPoolExecutor(max_workers=8) as executor:
    executor.submit(zero).result()
    start = time.perf_counter()
    futures = [executor.submit(zero) for _ in range(1000)]
    for future in as_completed(futures):
        future.result()
    print((time.perf_counter() - start) * 1000)
