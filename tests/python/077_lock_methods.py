import threading
import time

lock = threading.Lock()
print("locked?", lock.locked())
print("acquire:", lock.acquire())
print("locked?", lock.locked())
print("non-blocking acquire while held:", lock.acquire(blocking=False))
start = time.perf_counter()
print("acquire(timeout=0.1) while held:", lock.acquire(timeout=0.1))
print("gave up after at least 0.1 s:", time.perf_counter() - start >= 0.1)
lock.release()
print("released, locked?", lock.locked())
try:
    lock.release()
except RuntimeError as e:
    print("RuntimeError:", e)
with lock:
    print("inside with:", lock.locked())
print("after with:", lock.locked())

holder_has_it = threading.Event()
let_go = threading.Event()

def holder():
    with lock:
        holder_has_it.set()
        let_go.wait()

t = threading.Thread(target=holder)
t.start()
holder_has_it.wait()
print("held by another thread, try:", lock.acquire(False))
let_go.set()
print("blocking acquire waits for the release:", lock.acquire())
lock.release()
t.join()
