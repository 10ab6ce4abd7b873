import threading

pool = threading.BoundedSemaphore(2)
print(pool.acquire(), pool.acquire(), pool.acquire(blocking=False))
pool.release()
pool.release()
try:
    pool.release()
except ValueError as e:
    print("ValueError:", e)

slots = threading.BoundedSemaphore(3)
used = []
used_lock = threading.Lock()

def use_slot(i):
    with slots:
        with used_lock:
            used.append(i)

threads = [threading.Thread(target=use_slot, args=(i,)) for i in range(5)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(sorted(used))
print("all three slots free again:", all(slots.acquire(False) for _ in range(3)), slots.acquire(False))
