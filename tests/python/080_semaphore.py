import threading
import time

sem = threading.Semaphore(2)
inside = []
inside_lock = threading.Lock()
go = threading.Event()

def limited(i):
    with sem:
        with inside_lock:
            inside.append(i)
        go.wait()

threads = [threading.Thread(target=limited, args=(i,)) for i in range(6)]
for t in threads:
    t.start()
while True:
    with inside_lock:
        if len(inside) >= 2:
            break
    time.sleep(0.01)
time.sleep(0.1)
print("holders while the semaphore is exhausted:", len(inside))
go.set()
for t in threads:
    t.join()
print("all got in eventually:", sorted(inside))

s = threading.Semaphore(1)
print(s.acquire(), s.acquire(blocking=False), s.acquire(timeout=0.05))
s.release()
s.release()
print("a plain Semaphore may be released above its start:", s.acquire(False), s.acquire(False), s.acquire(False))
zero = threading.Semaphore(0)
def release_later():
    time.sleep(0.05)
    zero.release()
threading.Thread(target=release_later).start()
print("blocked until another thread releases:", zero.acquire(timeout=5))
try:
    threading.Semaphore(-1)
except ValueError as e:
    print("ValueError:", e)
