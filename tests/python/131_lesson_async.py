# The lesson's third idea, asynchrony: the same waits overlapped on ONE thread.
# Each task is awaited in turn with print(await t). Sleeps scaled 1 s -> 0.1 s.
import asyncio
import threading
import time

def took(seconds, expected):
    # A busy machine only ever adds delays: print the expected time when the
    # real one is less than 0.5 s above it, else the real one (a failure).
    return expected if expected <= seconds < expected + 0.5 else round(seconds, 2)

async def _sleep(_time = 0.1):
    await asyncio.sleep(_time)
    return f"проспала {_time} sec. в потоке {threading.current_thread().name}"

async def one_after_another(secs):
    for sec in secs:
        print(await _sleep(sec))

async def main(secs):
    tasks = [asyncio.create_task(_sleep(sec)) for sec in secs]
    for t in tasks:
        print(await t)

start = time.perf_counter()
asyncio.run(one_after_another([0.1, 0.1, 0.1]))
print(f"it took: {took(time.perf_counter() - start, 0.3)} sec.")

start = time.perf_counter()
asyncio.run(main([0.5, 0.4, 0.3, 0.2, 0.1]))
print(f"it took: {took(time.perf_counter() - start, 0.5)} sec.")
print("threads alive:", threading.active_count())
