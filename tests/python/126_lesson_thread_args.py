# The lesson: passing arguments to the thread's target with args=[...], then the
# exercise: one thread per value of a list. Sleeps scaled 1 s -> 0.1 s (so the
# lesson's 1.5 s is 0.15 s). A lock makes each print whole, and a barrier lets
# no thread fall asleep before every thread of the round has said so.
import threading
import time

def took(seconds, expected):
    # A busy machine only ever adds delays: print the expected time when the
    # real one is less than 0.5 s above it, else the real one (a failure).
    return expected if expected <= seconds < expected + 0.5 else round(seconds, 2)

print_lock = threading.Lock()

def sleep(_time = 0.1):
    from time import sleep
    with print_lock:
        print("Сейчас как усну на целую секунду!\n")
    announced.wait()
    sleep(_time)
    with print_lock:
        print("Вот это я выспался\n")

start = time.perf_counter()
sec_to_sleep = 0.15
announced = threading.Barrier(3)
t1 = threading.Thread(target=sleep, args = [sec_to_sleep])
t2 = threading.Thread(target=sleep, args = [sec_to_sleep])
t1.start()
t2.start()
announced.wait()
t1.join()
t2.join()
finish = time.perf_counter()
print(f"it took: {took(finish-start, 0.15)} sec.")

start = time.perf_counter()
sec_to_sleep = [0.1, 0.2, 0.3, 0.4, 0.5]
announced = threading.Barrier(len(sec_to_sleep) + 1)
threads = [threading.Thread(target=sleep, args=[sec]) for sec in sec_to_sleep]
for t in threads:
    t.start()
announced.wait()
for t in threads:
    t.join()
finish = time.perf_counter()
print(f"it took: {took(finish-start, 0.5)} sec.")
