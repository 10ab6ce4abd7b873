import asyncio

async def ok(x):
    await asyncio.sleep(0.01 * x)
    return x

async def boom(msg, delay=0):
    await asyncio.sleep(delay)
    raise ValueError(msg)

async def main():
    results = await asyncio.gather(ok(1), boom("bad"), ok(2), return_exceptions=True)
    print([repr(r) for r in results])
    try:
        await asyncio.gather(ok(1), boom("first", 0.02), boom("second", 0.05))
    except ValueError as e:
        print("gather re-raised the first failure:", e)
    task = asyncio.create_task(boom("in a task"))
    try:
        await task
    except ValueError as e:
        print("awaiting a failed task re-raises:", e, "| task.exception():", repr(task.exception()))
    try:
        await asyncio.sleep(-1)
        print("negative sleep returns at once")
        raise RuntimeError("raised inside async def")
    except RuntimeError as e:
        print("RuntimeError:", e)

asyncio.run(main())
