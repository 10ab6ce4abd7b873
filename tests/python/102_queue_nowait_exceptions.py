import queue
import time

q = queue.Queue(maxsize=1)
try:
    q.get_nowait()
except queue.Empty:
    print("get_nowait on an empty queue: queue.Empty")
try:
    q.get(block=False)
except queue.Empty as e:
    print("get(block=False): queue.Empty", repr(str(e)))
start = time.perf_counter()
try:
    q.get(timeout=0.1)
except queue.Empty:
    print("get(timeout=0.1) gave up after at least 0.1 s:", time.perf_counter() - start >= 0.1)
q.put_nowait("only")
try:
    q.put_nowait("second")
except queue.Full:
    print("put_nowait on a full queue: queue.Full")
try:
    q.put("second", block=False)
except queue.Full:
    print("put(block=False): queue.Full")
start = time.perf_counter()
try:
    q.put("second", timeout=0.1)
except queue.Full:
    print("put(timeout=0.1) gave up after at least 0.1 s:", time.perf_counter() - start >= 0.1)
print(q.get_nowait(), q.empty())
print(isinstance(queue.Empty(), Exception), isinstance(queue.Full(), Exception))
try:
    q.get(timeout=-1)
except ValueError as e:
    print("ValueError:", e)
