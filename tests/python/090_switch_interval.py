import sys
import threading

print("default switch interval:", sys.getswitchinterval())
sys.setswitchinterval(0.001)
print("after set:", sys.getswitchinterval())
try:
    sys.setswitchinterval(0)
except ValueError as e:
    print("ValueError:", e)
sys.setswitchinterval(0.005)
print("restored:", sys.getswitchinterval())

total = [0]
lock = threading.Lock()

def spin():
    for _ in range(2000):
        with lock:
            total[0] += 1

threads = [threading.Thread(target=spin) for _ in range(3)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("with a lock the total is exact:", total[0])
