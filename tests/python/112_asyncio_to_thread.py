import asyncio
import threading
import time

def blocking_io(name, seconds):
    time.sleep(seconds)
    where = "main" if threading.current_thread() is threading.main_thread() else "worker"
    return f"{name} slept {seconds} s in a {where} thread"

async def ticker(stop):
    ticks = 0
    while not stop.is_set():
        await asyncio.sleep(0.02)
        ticks += 1
    return ticks

async def main():
    start = time.perf_counter()
    stop = asyncio.Event()
    tick_task = asyncio.create_task(ticker(stop))
    results = await asyncio.gather(asyncio.to_thread(blocking_io, "a", 0.3),
                                   asyncio.to_thread(blocking_io, "b", 0.3))
    stop.set()
    ticks = await tick_task
    for r in results:
        print(r)
    print("the event loop kept ticking meanwhile:", ticks >= 3)
    print("both threads overlapped (less than 0.6 s):", time.perf_counter() - start < 0.55)
    print(await asyncio.to_thread(sorted, [3, 1, 2], reverse=True))
    try:
        await asyncio.to_thread(int, "nope")
    except ValueError as e:
        print("ValueError from the thread:", e)

asyncio.run(main())
print("back in", threading.current_thread().name)
