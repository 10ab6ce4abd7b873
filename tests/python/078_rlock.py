import threading

rlock = threading.RLock()

def countdown(n):
    with rlock:
        if n == 0:
            return ["liftoff"]
        return [n] + countdown(n - 1)

print(countdown(3))
print(rlock.acquire(), rlock.acquire(), rlock.acquire(blocking=False))
rlock.release()
rlock.release()
rlock.release()
try:
    rlock.release()
except RuntimeError as e:
    print("RuntimeError:", e)

plain = threading.Lock()
plain.acquire()
print("a plain Lock is not reentrant:", plain.acquire(timeout=0.05))
plain.release()

owned = threading.Event()
done = threading.Event()

def hold():
    rlock.acquire()
    owned.set()
    done.wait()
    rlock.release()

t = threading.Thread(target=hold)
t.start()
owned.wait()
print("another thread cannot take it:", rlock.acquire(blocking=False))
try:
    rlock.release()
except RuntimeError as e:
    print("RuntimeError:", e)
done.set()
t.join()
print("free again:", rlock.acquire(blocking=False))
rlock.release()
