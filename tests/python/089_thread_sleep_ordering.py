import threading
import time

def nap(label, seconds):
    time.sleep(seconds)
    print(f"{label} woke after {seconds} s")

plan = [("C", 0.5), ("A", 0.1), ("B", 0.3)]
start = time.perf_counter()
threads = [threading.Thread(target=nap, args=p) for p in plan]
for t in threads:
    t.start()
print("started", len(threads), "threads")
for t in threads:
    t.join()
elapsed = time.perf_counter() - start
print("it took at least the longest nap:", elapsed >= 0.5)
print("overlapped (less than the 0.9 s sum):", elapsed < 0.9)
