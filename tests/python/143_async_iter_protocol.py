# async for over a class with __aiter__/__anext__; asend, athrow, aclose;
# async with asyncio.Lock and Semaphore; the errors.
import asyncio


class Countdown:
    def __init__(self, n):
        self.n = n
    def __aiter__(self):
        return self

    async def __anext__(self):
        if self.n == 0:
            raise StopAsyncIteration
        await asyncio.sleep(0)
        self.n -= 1
        return self.n


async def echo():
    try:
        while True:
            received = yield "ready"
            print("  got", received)
    except ValueError as e:
        yield f"handled {e}"
    finally:
        print("  echo closed")


async def guarded(lock, sem, name, log):
    async with sem:
        async with lock:
            log.append(name)
            await asyncio.sleep(0.01)


async def main():
    async for n in Countdown(3):
        print("countdown", n)
    else:
        print("countdown over")
    e = echo()
    print(await e.asend(None), await e.asend("hi"))
    print(await e.athrow(ValueError("boom")))
    await e.aclose()
    log, lock, sem = [], asyncio.Lock(), asyncio.Semaphore(2)
    await asyncio.gather(*(guarded(lock, sem, n, log) for n in "abc"))
    print(log, lock.locked())
    for bad in [[1, 2], Countdown]:
        try:
            async for x in bad:
                pass
        except TypeError as err:
            print("TypeError:", err)
    async for x in Countdown(2):
        raise RuntimeError(f"stop at {x}")


asyncio.run(main())
