import threading
import time

event = threading.Event()
print("is_set:", event.is_set())
start = time.perf_counter()
print("wait(timeout=0.1) returns", event.wait(timeout=0.1))
print("waited at least 0.1 s:", time.perf_counter() - start >= 0.1)

woken = []
woken_lock = threading.Lock()

def waiter(name):
    event.wait()
    with woken_lock:
        woken.append(name)

threads = [threading.Thread(target=waiter, args=(n,)) for n in "cab"]
for t in threads:
    t.start()
print("waiters are blocked:", [t.is_alive() for t in threads], woken)
event.set()
for t in threads:
    t.join()
print("all woke up:", sorted(woken), event.is_set())
print("wait on a set event returns at once:", event.wait(), event.wait(0))
event.clear()
print("after clear:", event.is_set(), event.wait(0.01))

go = threading.Event()
def late_setter():
    time.sleep(0.1)
    go.set()
threading.Thread(target=late_setter).start()
print("wait with timeout that succeeds:", go.wait(timeout=5))
