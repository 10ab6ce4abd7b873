# The lesson: ThreadPoolExecutor with submit() and result(), in submission order.
# Sleeps scaled 1 s -> 0.1 s.
import concurrent.futures
import time

def took(seconds, expected):
    # A busy machine only ever adds delays: print the expected time when the
    # real one is less than 0.5 s above it, else the real one (a failure).
    return expected if expected <= seconds < expected + 0.5 else round(seconds, 2)

def _sleep(_time = 0.1):
    time.sleep(_time)
    return f"проспала {_time} sec."

with concurrent.futures.ThreadPoolExecutor() as executor:
    f1 = executor.submit(_sleep, 0.2)
    print(f1.result())

with concurrent.futures.ThreadPoolExecutor() as executor:
    f1 = executor.submit(_sleep, 0.2)
    f2 = executor.submit(_sleep, 0.2)
    print(f1.result())
    print(f2.result())

start = time.perf_counter()
# The lesson's machine had at least 10 workers by default; say so explicitly,
# because the default max_workers depends on os.cpu_count().
with concurrent.futures.ThreadPoolExecutor(max_workers=10) as executor:
    future_objs = [executor.submit(_sleep, 0.2) for _ in range(10)]
    for result in future_objs:
        print(result.result())
finish = time.perf_counter()
print(f"it took: {took(finish-start, 0.2)} sec.")

start = time.perf_counter()
with concurrent.futures.ThreadPoolExecutor() as executor:
    secs = [0.5, 0.4, 0.3, 0.2, 0.1]
    future_objs = [executor.submit(_sleep, sec) for sec in secs]
    for result in future_objs:
        print(result.result())
finish = time.perf_counter()
print(f"it took: {took(finish-start, 0.5)} sec.")
