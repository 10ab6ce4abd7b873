# queue.SimpleQueue: an unbounded FIFO whose get() waits, gives up after its
# timeout with queue.Empty, and hands each item to exactly one thread.
import queue
import threading

q = queue.SimpleQueue()
print(q.empty(), q.qsize())
for item in ["a", "b", "c"]:
    q.put(item)
print(q.qsize(), q.get(), q.get_nowait(), q.get(block=False), q.empty())
try:
    q.get_nowait()
except queue.Empty:
    print("get_nowait on an empty SimpleQueue: queue.Empty")
try:
    q.get(timeout=0.05)
except queue.Empty as e:
    print("get(timeout=0.05): queue.Empty", repr(str(e)))
try:
    q.get(timeout=-1)
except ValueError as e:
    print("ValueError:", e)

results = queue.SimpleQueue()


def consumer():
    taken = 0
    while True:
        item = q.get()
        if item is None:
            results.put(taken)
            return
        taken += item


workers = [threading.Thread(target=consumer) for _ in range(3)]
for w in workers:
    w.start()
for n in range(1, 101):
    q.put(n)
for _ in workers:
    q.put(None)
for w in workers:
    w.join()
print("every item taken once:", sum(results.get() for _ in workers))
