import time

t0_wall = time.time()
t0_perf = time.perf_counter()
t0_mono = time.monotonic()
t0_cpu = time.process_time()
t0_thread = time.thread_time()
time.sleep(0.1)
perf = time.perf_counter() - t0_perf
mono = time.monotonic() - t0_mono
wall = time.time() - t0_wall
cpu = time.process_time() - t0_cpu
thread_cpu = time.thread_time() - t0_thread
print("perf_counter:", perf >= 0.1, perf < 1)
print("monotonic:", mono >= 0.1, mono < 1)
print("time:", wall > 0.05, wall < 1, t0_wall > 1_600_000_000)
print("sleeping costs almost no CPU:", 0 <= cpu < 0.05, 0 <= thread_cpu < 0.05)
print("types:", type(time.time()).__name__, type(time.perf_counter()).__name__)
a = time.monotonic()
b = time.monotonic()
print("monotonic never goes back:", b >= a)
busy_start = time.process_time()
x = 0
for i in range(200000):
    x += i * i
print("busy loop result:", x, "cpu time grew:", time.process_time() >= busy_start)
time.sleep(0)
start = time.perf_counter()
for _ in range(4):
    time.sleep(0.05)
print("four sleeps of 0.05 take at least 0.2 s:", time.perf_counter() - start >= 0.2)
try:
    time.sleep(-1)
except ValueError as e:
    print("ValueError:", e)
