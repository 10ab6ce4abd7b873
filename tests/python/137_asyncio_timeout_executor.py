import asyncio
import concurrent.futures
import time

def blocking(seconds):
    time.sleep(seconds)
    return f"slept {seconds}"

async def slow(seconds):
    try:
        await asyncio.sleep(seconds)
        return "finished"
    except asyncio.CancelledError:
        print("  slow was cancelled by the timeout")
        raise

async def main():
    async with asyncio.timeout(1) as t:
        print(await slow(0.05), "| expired:", t.expired())
    try:
        async with asyncio.timeout(0.05) as t:
            await slow(1)
    except TimeoutError as e:
        print("timeout() raised", type(e).__name__, "| expired:", t.expired())
    loop = asyncio.get_running_loop()
    print(await loop.run_in_executor(None, blocking, 0.05))
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        results = await asyncio.gather(*(loop.run_in_executor(pool, blocking, s) for s in (0.1, 0.05)))
    print(results)
    try:
        await loop.run_in_executor(None, int, "x")
    except ValueError as e:
        print("ValueError:", e)
    start = loop.time()
    await asyncio.sleep(0.1)
    print("loop.time() moves with the clock:", round(loop.time() - start, 1))

asyncio.run(main())
