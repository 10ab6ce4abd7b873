import concurrent.futures
import threading

def whoami(barrier):
    barrier.wait()
    return threading.current_thread().name

barrier = threading.Barrier(3)
with concurrent.futures.ThreadPoolExecutor(max_workers=3) as pool:
    names = [pool.submit(whoami, barrier) for _ in range(3)]
    print(sorted(f.result() for f in names))

barrier = threading.Barrier(2)
with concurrent.futures.ThreadPoolExecutor(max_workers=2, thread_name_prefix="загрузчик") as pool:
    names = [pool.submit(whoami, barrier) for _ in range(2)]
    print(sorted(f.result() for f in names))

with concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="solo") as pool:
    print({pool.submit(lambda: threading.current_thread().name).result() for _ in range(4)})

with concurrent.futures.ThreadPoolExecutor(5) as pool:
    print(pool.submit(lambda: threading.current_thread().name).result())
try:
    concurrent.futures.ThreadPoolExecutor(max_workers=0)
except ValueError as e:
    print("ValueError:", e)
