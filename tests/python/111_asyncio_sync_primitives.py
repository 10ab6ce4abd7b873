import asyncio

async def critical(lock, name, log):
    async with lock:
        log.append(f"{name} in")
        await asyncio.sleep(0.01)
        log.append(f"{name} out")

async def waiter(event, name):
    print(name, "waiting for the event")
    await event.wait()
    print(name, "saw the event")

async def limited(sem, i, state):
    async with sem:
        state["now"] += 1
        state["max"] = max(state["max"], state["now"])
        await asyncio.sleep(0.02)
        state["now"] -= 1

async def main():
    lock, log = asyncio.Lock(), []
    await asyncio.gather(*(critical(lock, n, log) for n in "abc"))
    print(log)
    print("locked:", lock.locked())
    await lock.acquire()
    print("locked after acquire:", lock.locked())
    lock.release()

    event = asyncio.Event()
    waiters = [asyncio.create_task(waiter(event, f"w{i}")) for i in range(2)]
    await asyncio.sleep(0.01)
    print("setting; is_set before:", event.is_set())
    event.set()
    await asyncio.gather(*waiters)
    event.clear()
    print("after clear:", event.is_set())

    sem, state = asyncio.Semaphore(2), {"now": 0, "max": 0}
    await asyncio.gather(*(limited(sem, i, state) for i in range(6)))
    print("max concurrent:", state["max"], "locked:", sem.locked())

asyncio.run(main())
