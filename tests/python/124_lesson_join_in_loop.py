# The lesson: join() inside the loop makes ten threads run one after another.
# Sleeps are scaled down (1 s -> 0.1 s).
import threading
import time

def took(seconds, expected):
    # A busy machine only ever adds delays: print the expected time when the
    # real one is less than 0.5 s above it, else the real one (a failure).
    return expected if expected <= seconds < expected + 0.5 else round(seconds, 2)

def sleep(_time = 0.1):
    from time import sleep
    print("Сейчас как усну на целую секунду!\n")
    sleep(_time)
    print("Вот это я выспался\n")

start = time.perf_counter()
for _ in range(10):
    t = threading.Thread(target=sleep)
    t.start()
    t.join()
finish = time.perf_counter()
print(f"it took: {took(finish-start, 1.0)} sec.")
