import concurrent.futures as cf
import time

def nap(seconds, fail=False):
    time.sleep(seconds)
    if fail:
        raise ValueError(f"failed after {seconds}")
    return seconds

def describe(done, not_done):
    return sorted(f.result() for f in done), len(not_done)

with cf.ThreadPoolExecutor(max_workers=3) as pool:
    fs = [pool.submit(nap, s) for s in (0.6, 0.05, 0.35)]
    done, not_done = cf.wait(fs, return_when=cf.FIRST_COMPLETED)
    print("FIRST_COMPLETED:", describe(done, not_done))
    done, not_done = cf.wait(fs)
    print("ALL_COMPLETED (default):", describe(done, not_done))

with cf.ThreadPoolExecutor(max_workers=3) as pool:
    fs = [pool.submit(nap, 0.05), pool.submit(nap, 0.15, True), pool.submit(nap, 0.7)]
    done, not_done = cf.wait(fs, return_when=cf.FIRST_EXCEPTION)
    print("FIRST_EXCEPTION: done", len(done), "not done", len(not_done))
    print([repr(f.exception()) for f in fs if f in done])
    done, not_done = cf.wait(fs, timeout=0.01, return_when=cf.ALL_COMPLETED)
    print("with a short timeout:", len(done), len(not_done))
    print(cf.FIRST_COMPLETED, cf.FIRST_EXCEPTION, cf.ALL_COMPLETED)
    done, not_done = cf.wait(fs, timeout=5)
    print("finally:", len(done), len(not_done))
