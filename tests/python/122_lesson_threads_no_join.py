# The lesson: two threads started without join(); "it took" is printed while
# they still sleep, and they wake up after it. Two additions keep the output
# deterministic: a lock makes each print whole, and the main thread waits
# until both threads have printed their first line (they are asleep then).
# Sleeps are scaled down (1 s -> 0.1 s).
import threading
import time

def took(seconds, expected):
    # A busy machine only ever adds delays: print the expected time when the
    # real one is less than 0.5 s above it, else the real one (a failure).
    return expected if expected <= seconds < expected + 0.5 else round(seconds, 2)

print_lock = threading.Lock()
announced = threading.Semaphore(0)

def sleep(_time = 0.1):
    from time import sleep
    with print_lock:
        print("Сейчас как усну на целую секунду!\n")
    announced.release()
    sleep(_time)
    with print_lock:
        print("Вот это я выспался\n")

start = time.perf_counter()

t1 = threading.Thread(target=sleep)
t2 = threading.Thread(target=sleep)

t1.start()
t2.start()
announced.acquire()
announced.acquire()

finish = time.perf_counter()
print(f"it took: {took(finish-start, 0.0)} sec.")
