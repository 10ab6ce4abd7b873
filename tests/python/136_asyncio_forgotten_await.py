# The classic mistake: calling a coroutine function without await runs nothing.
import asyncio

async def work(n):
    await asyncio.sleep(0.01)
    print("work", n)
    return n

async def main():
    asyncio.sleep(0.01)
    for i in range(3):
        work(i)
    print("awaited:", await work(9))
    coro = work(10)
    print("a coroutine object is made, not run:", type(coro).__name__)
    print("awaited later:", await coro)
    print("end of main")

asyncio.run(main())
print("done")
