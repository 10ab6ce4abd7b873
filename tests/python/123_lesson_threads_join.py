# The lesson: start two threads, then join() both: it takes one sleep, not two.
# Sleeps are scaled down (1 s -> 0.1 s). Two additions keep the output fixed on
# a busy machine: a lock makes each print whole, and a barrier lets no thread
# fall asleep before every thread has said so.
import threading
import time

def took(seconds, expected):
    # A busy machine only ever adds delays: print the expected time when the
    # real one is less than 0.5 s above it, else the real one (a failure).
    return expected if expected <= seconds < expected + 0.5 else round(seconds, 2)

print_lock = threading.Lock()
all_announced = threading.Barrier(3)

def sleep(_time = 0.1):
    from time import sleep
    with print_lock:
        print("Сейчас как усну на целую секунду!\n")
    all_announced.wait()
    sleep(_time)
    with print_lock:
        print("Вот это я выспался\n")

start = time.perf_counter()

t1 = threading.Thread(target=sleep)
t2 = threading.Thread(target=sleep)

t1.start()
t2.start()
all_announced.wait()

t1.join()
t2.join()

finish = time.perf_counter()
print(f"it took: {took(finish-start, 0.1)} sec.")
