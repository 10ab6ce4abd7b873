# The lesson's as_completed listing, with asyncio instead of threads:
# results arrive as each wait ends, all on the main thread. Scaled 1 s -> 0.1 s.
import asyncio
import time

def took(seconds, expected):
    # A busy machine only ever adds delays: print the expected time when the
    # real one is less than 0.5 s above it, else the real one (a failure).
    return expected if expected <= seconds < expected + 0.5 else round(seconds, 2)

async def _sleep(_time = 0.1):
    await asyncio.sleep(_time)
    return f"проспала {_time} sec."

async def main():
    secs = [0.5, 0.4, 0.3, 0.2, 0.1]
    tasks = [asyncio.create_task(_sleep(sec)) for sec in secs]
    for next_done in asyncio.as_completed(tasks):
        print(await next_done)

start = time.perf_counter()
asyncio.run(main())
finish = time.perf_counter()
print(f"it took: {took(finish-start, 0.5)} sec.")
