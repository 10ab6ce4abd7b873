import threading
import time

release = threading.Event()

def wait_for_release():
    release.wait()
    time.sleep(0.05)

t = threading.Thread(target=wait_for_release)
print("before start alive:", t.is_alive())
t.start()
print("after start alive:", t.is_alive())
start = time.perf_counter()
result = t.join(timeout=0.1)
waited = time.perf_counter() - start
print("join(timeout) returns", result, "- still alive:", t.is_alive())
print("waited at least the timeout:", waited >= 0.1)
t.join(0.01)
print("still alive after a short join:", t.is_alive())
release.set()
t.join()
print("after set+join alive:", t.is_alive())
t.join()
t.join(0)
print("joining a finished thread again is fine")
try:
    threading.Thread(target=print).join()
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    threading.current_thread().join()
except RuntimeError as e:
    print("RuntimeError:", e)
