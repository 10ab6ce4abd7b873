import concurrent.futures
import threading
import time

gate = threading.Event()
first_started = threading.Event()
log = []

def task(n):
    if n == 0:
        first_started.set()
        gate.wait()
    log.append(n)
    return n

pool = concurrent.futures.ThreadPoolExecutor(max_workers=1)
futures = [pool.submit(task, n) for n in range(5)]
first_started.wait()
def open_gate_later():
    time.sleep(0.1)
    gate.set()

threading.Thread(target=open_gate_later).start()
pool.shutdown(wait=True, cancel_futures=True)
print("ran:", log)
print("cancelled:", [f.cancelled() for f in futures])
print("first result:", futures[0].result())

pool2 = concurrent.futures.ThreadPoolExecutor(max_workers=2)
slow = pool2.submit(time.sleep, 0.5)
start = time.perf_counter()
pool2.shutdown(wait=False)
print("shutdown(wait=False) returns at once:", time.perf_counter() - start < 0.4)
print("the running task still finishes:", slow.result(), slow.done())
try:
    pool2.submit(task, 9)
except RuntimeError as e:
    print("RuntimeError:", e)

pool3 = concurrent.futures.ThreadPoolExecutor(max_workers=2)
fs = [pool3.submit(task, n) for n in (10, 11, 12)]
pool3.shutdown()
print("shutdown() waits for all:", sorted(f.result() for f in fs))
pool3.shutdown()
print("a second shutdown is harmless")
