import asyncio

async def worker(name, steps):
    try:
        for i in range(steps):
            print(name, "step", i)
            await asyncio.sleep(0)
        return f"{name} done"
    except asyncio.CancelledError:
        print(name, "cancelled at its await")
        raise
    finally:
        print(name, "cleans up")

class Resource:
    async def __aenter__(self):
        print("enter")
        return self
    async def __aexit__(self, kind, exc, tb):
        print("exit with", kind.__name__ if kind else None)
        return kind is KeyError

async def double(x):
    await asyncio.sleep(0.01)
    return 2 * x

async def main():
    print("task name:", asyncio.current_task().get_name())
    a = asyncio.create_task(worker("a", 3))
    b = asyncio.create_task(worker("b", 10), name="bee")
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print("cancel b:", b.cancel(), b.get_name())
    print(await a, "|", await asyncio.gather(b, return_exceptions=True))
    print("cancelled:", b.cancelled(), "| done:", b.done(), "| cancel again:", b.cancel())
    try:
        b.result()
    except asyncio.CancelledError:
        print("result() of a cancelled task raises CancelledError")
    print(isinstance(asyncio.CancelledError(), Exception), isinstance(asyncio.CancelledError(), BaseException))
    async with Resource() as r:
        raise KeyError("suppressed by __aexit__")
    try:
        async with Resource():
            raise ValueError("goes on")
    except ValueError as e:
        print("ValueError:", e)
    print([await double(x) for x in range(4)])
    try:
        await 42
    except TypeError as e:
        print("TypeError:", e)
    coro = double(1)
    await coro
    try:
        await coro
    except RuntimeError as e:
        print("RuntimeError:", e)

asyncio.run(main())
