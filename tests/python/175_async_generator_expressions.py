# An asynchronous generator expression: `async for` inside parentheses makes an
# async generator, consumed with `async for` or an async comprehension.
import asyncio


async def ticks(n):
    for i in range(n):
        await asyncio.sleep(0)
        yield i


async def main():
    squares = (i * i async for i in ticks(4))
    print(type(squares).__name__)
    async for s in squares:
        print("square", s)
    evens = [x async for x in (i async for i in ticks(6) if i % 2 == 0)]
    print(evens)
    # An await inside the element is allowed in an async generator expression.
    doubled = [x async for x in (await asyncio.sleep(0, i * 2) async for i in ticks(3))]
    print(doubled)


asyncio.run(main())

# Made outside any coroutine too (it runs only when iterated), here at module level.
lazy = (i async for i in ticks(2))
print(type(lazy).__name__)


async def drain(agen):
    return [x async for x in agen]


print(asyncio.run(drain(lazy)))
