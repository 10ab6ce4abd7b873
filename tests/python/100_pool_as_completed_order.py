import concurrent.futures
import time

def fetch(name, seconds):
    time.sleep(seconds)
    return f"{name} ({seconds} s)"

jobs = {"slow": 0.45, "fast": 0.15, "medium": 0.3, "instant": 0.0}
start = time.perf_counter()
with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
    future_to_name = {pool.submit(fetch, name, s): name for name, s in jobs.items()}
    for future in concurrent.futures.as_completed(future_to_name):
        print("completed:", future_to_name[future], "->", future.result())
print("it took at least the slowest:", time.perf_counter() - start >= 0.45)

start = time.perf_counter()
with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
    futures = [pool.submit(fetch, n, s) for n, s in [("a", 0.2), ("b", 0.2), ("c", 0.2)]]
    order = [f.result() for f in concurrent.futures.as_completed(futures)]
print(order[2], "is last: it waited for a free worker")
print("two workers, so at least 0.2 + 0.2 s:", time.perf_counter() - start >= 0.4)
