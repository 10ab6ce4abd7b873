import concurrent.futures
import threading
import time

def square(x):
    return x * x

def slow_add(a, b, delay=0.05):
    time.sleep(delay)
    return a + b

with concurrent.futures.ThreadPoolExecutor(max_workers=2) as executor:
    f1 = executor.submit(square, 7)
    f2 = executor.submit(slow_add, 2, 3)
    f3 = executor.submit(slow_add, "a", "b", delay=0.01)
    f4 = executor.submit(slow_add, 2 ** 99, 2 ** 99, delay=0)
    print(f1.result(), f2.result(), f3.result(), f4.result())
    print(type(f1).__name__, f1.done(), f1.cancelled())
    futures = [executor.submit(square, n) for n in range(8)]
    print([f.result() for f in futures])
    names = [executor.submit(lambda: threading.current_thread().name).result() for _ in range(3)]
    print("ran in pool threads:", all(n != "MainThread" for n in names))
print("after with: the pool is shut down")

executor = concurrent.futures.ThreadPoolExecutor(max_workers=3)
start = time.perf_counter()
futures = [executor.submit(slow_add, i, i, 0.2) for i in range(3)]
results = [f.result() for f in futures]
elapsed = time.perf_counter() - start
print(results, "overlapped:", 0.2 <= elapsed < 0.55)
executor.shutdown()
try:
    executor.submit(square, 2)
except RuntimeError as e:
    print("RuntimeError:", e)
