# The lesson: executor.map() returns the results in the order of the inputs.
# Sleeps scaled 1 s -> 0.1 s.
import concurrent.futures
import time

def took(seconds, expected):
    # A busy machine only ever adds delays: print the expected time when the
    # real one is less than 0.5 s above it, else the real one (a failure).
    return expected if expected <= seconds < expected + 0.5 else round(seconds, 2)

def _sleep(_time = 0.1):
    time.sleep(_time)
    return f"проспала {_time} sec."

start = time.perf_counter()

with concurrent.futures.ThreadPoolExecutor() as executor:
    secs = [0.5, 0.4, 0.3, 0.2, 0.1]
    results = executor.map(_sleep, secs)
    for result in results:
        print(result)

finish = time.perf_counter()
print(f"it took: {took(finish-start, 0.5)} sec.")
