"""The CPython peer: the lesson's own code shapes, timed on this machine.

Prints one JSON object: {"dispatch_1000": [ms, ...], "dispatch_10000": [...],
"fidelity": {"scenario": [overhead ms, ...]}, "version": "..."}.
Printing goes to /dev/null, as a notebook's output would not slow the threads.
"""
import concurrent.futures
import io
import json
import sys
import threading
import time
from contextlib import redirect_stdout

SCALE = 0.2


def sleep(_time=1):
    print("Сейчас как усну на целую секунду!\n")
    time.sleep(_time)
    print("Вот это я выспался\n")


def _sleep(_time=1):
    time.sleep(_time)
    return f"проспала {_time} sec."


def dispatch(n):
    start = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(max_workers=8) as executor:
        future_objs = [executor.submit(_sleep, 0) for _ in range(n)]
        for f in concurrent.futures.as_completed(future_objs):
            print(f.result())
        last = time.perf_counter()
    return (last - start) * 1000


def sequential(secs):
    for sec in secs:
        sleep(sec)


def threads_no_join(secs):
    for sec in secs:
        threading.Thread(target=sleep, args=[sec]).start()


def threads_join_in_loop(secs):
    for sec in secs:
        t = threading.Thread(target=sleep, args=[sec])
        t.start()
        t.join()


def threads(secs):
    started = []
    for sec in secs:
        t = threading.Thread(target=sleep, args=[sec])
        t.start()
        started.append(t)
    for thread in started:
        thread.join()


def pool_submit(secs):
    with concurrent.futures.ThreadPoolExecutor(max_workers=5) as executor:
        for result in [executor.submit(_sleep, sec) for sec in secs]:
            print(result.result())


def pool_as_completed(secs):
    with concurrent.futures.ThreadPoolExecutor(max_workers=5) as executor:
        future_objs = [executor.submit(_sleep, sec) for sec in secs]
        for f in concurrent.futures.as_completed(future_objs):
            print(f.result())


def pool_map(secs):
    with concurrent.futures.ThreadPoolExecutor(max_workers=5) as executor:
        for result in executor.map(_sleep, secs):
            print(result)


def run_whole(listing, secs):
    """The wall time of the whole program, its threads included, in ms."""
    before = set(threading.enumerate())
    start = time.perf_counter()
    listing(secs)
    for t in set(threading.enumerate()) - before:
        t.join()
    return (time.perf_counter() - start) * 1000


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    out = {"version": sys.version.split()[0], "fidelity": {}}
    cases = json.loads(sys.argv[2]) if len(sys.argv) > 2 else []
    with redirect_stdout(io.StringIO()):
        dispatch(1000)  # warm-up
        out["dispatch_1000"] = [dispatch(1000) for _ in range(max(runs * 3, 10))]
        out["dispatch_10000"] = [dispatch(10_000) for _ in range(runs)]
        for case in cases:
            listing = globals()[case["scenario"]]
            out["fidelity"][case["scenario"]] = [
                run_whole(listing, case["secs"]) - case["idealMs"] for _ in range(runs)
            ]
    print(json.dumps(out))


if __name__ == "__main__":
    main()
