import concurrent.futures
import time

def nap(seconds):
    time.sleep(seconds)
    return seconds

with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
    futures = [pool.submit(nap, s) for s in (0.6, 0.2, 0.4, 0.0)]
    print([f.result() for f in concurrent.futures.as_completed(futures)])

with concurrent.futures.ThreadPoolExecutor(max_workers=3) as pool:
    futures = [pool.submit(nap, s) for s in (0.05, 0.5, 0.6)]
    got = []
    try:
        for f in concurrent.futures.as_completed(futures, timeout=0.2):
            got.append(f.result())
    except concurrent.futures.TimeoutError as e:
        print("got before the timeout:", got)
        print("TimeoutError:", e)
    print("the slow ones still finish:", [f.result() for f in futures])

with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
    done_already = pool.submit(nap, 0)
    done_already.result()
    same = [done_already, done_already]
    print("duplicates are yielded once:", len(list(concurrent.futures.as_completed(same))))
