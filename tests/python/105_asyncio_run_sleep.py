import asyncio
import time

async def greet(name, delay):
    print("hello", name)
    await asyncio.sleep(delay)
    print("goodbye", name)
    return name.upper()

async def main():
    result = await greet("мир", 0.05)
    print("awaited result:", result)
    coro = greet("coro", 0)
    print("a coroutine object:", type(coro).__name__)
    print("await it later:", await coro)
    value = await asyncio.sleep(0.05, result="sleep can return a value")
    print(value)
    return 42

start = time.perf_counter()
print("asyncio.run returned", asyncio.run(main()))
print("two sleeps of 0.05 in a row took at least 0.1 s:", time.perf_counter() - start >= 0.1)

async def not_awaited():
    return "x"

print(asyncio.run(not_awaited()))
try:
    asyncio.run(42)
except ValueError as e:
    print("ValueError:", e)
