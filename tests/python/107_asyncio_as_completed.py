import asyncio
import time

async def fetch(name, seconds):
    await asyncio.sleep(seconds)
    return f"{name} in {seconds} s"

async def main():
    start = time.perf_counter()
    coros = [fetch("slow", 0.3), fetch("fast", 0.1), fetch("medium", 0.2)]
    for next_done in asyncio.as_completed(coros):
        print("as completed:", await next_done)
    print("overlapped, less than the 0.6 s sum:", time.perf_counter() - start < 0.55)

    tasks = [asyncio.create_task(fetch(f"n{i}", s)) for i, s in enumerate([0.6, 0.4, 0.05])]
    try:
        for next_done in asyncio.as_completed(tasks, timeout=0.25):
            print("before the timeout:", await next_done)
    except TimeoutError:
        print("as_completed(timeout=0.25) raised TimeoutError")
    print("tasks keep running:", [await t for t in tasks])

asyncio.run(main())
