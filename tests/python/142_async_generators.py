# Async generators: `async def` with `yield`, consumed by `async for`.
import asyncio
import time


async def ticks(n, delay):
    for i in range(n):
        await asyncio.sleep(delay)
        yield i
    print("  ticks done")


async def squares(source):
    async for x in source:
        yield x * x


async def consumer(name, delay):
    got = []
    async for x in ticks(3, delay):
        got.append(x)
    return name, got


async def main():
    async for x in ticks(3, 0.05):
        print("tick", x)
    print([y async for y in squares(ticks(4, 0)) if y != 4])
    # Two consumers on one loop: their sleeps overlap.
    t0 = time.perf_counter()
    print(await asyncio.gather(consumer("a", 0.1), consumer("b", 0.1)))
    # Sequentially 0.6 s; together about 0.3 s (bounded loosely: the machine may be busy).
    print("overlapped:", time.perf_counter() - t0 < 0.55)
    agen = ticks(2, 0)
    print(type(agen).__name__, agen.__aiter__() is agen)
    print(await agen.__anext__(), await anext(agen))
    try:
        await anext(agen)
    except StopAsyncIteration:
        print("StopAsyncIteration")
    print("default:", await anext(agen, "none left"))
    for x in ticks(1, 0):
        pass


asyncio.run(main())
