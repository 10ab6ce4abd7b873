import queue
import threading
import time

q = queue.Queue(maxsize=2)
put_done = []

def producer():
    for i in range(4):
        q.put(i)
        put_done.append(i)

def wait_until(condition):
    while not condition():
        time.sleep(0.01)

t = threading.Thread(target=producer)
t.start()
wait_until(lambda: len(put_done) == 2)
time.sleep(0.1)
print("the producer is blocked on a full queue:", q.full(), q.qsize(), put_done, t.is_alive())
got = [q.get()]
wait_until(lambda: len(put_done) == 3)
time.sleep(0.1)
print("one get lets exactly one more put through:", put_done, q.full())
got.append(q.get())
got.append(q.get(timeout=1))
got.append(q.get(timeout=1))
t.join()
print("got", got, "in order; producer finished:", not t.is_alive(), q.empty())

def late_put():
    time.sleep(0.1)
    q.put("late")

threading.Thread(target=late_put).start()
start = time.perf_counter()
print("blocking get waits:", q.get(), time.perf_counter() - start >= 0.1)
