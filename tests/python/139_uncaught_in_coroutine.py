# An exception a coroutine does not catch: asyncio.run re-raises it, CPython's frames and all.
import asyncio

async def boom(n):
    await asyncio.sleep(0.01)
    if n > 1:
        raise ValueError(f"boom {n}")
    return n

async def main():
    print(await boom(1))
    task = asyncio.create_task(boom(2))
    try:
        await task
    except ValueError as e:
        print("caught", e)
    results = await asyncio.gather(boom(0), boom(1))
    print(results)
    await asyncio.gather(boom(1), boom(3))

asyncio.run(main())
