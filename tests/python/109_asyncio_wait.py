import asyncio

async def nap(seconds, fail=False):
    await asyncio.sleep(seconds)
    if fail:
        raise ValueError(f"nap {seconds} failed")
    return seconds

async def main():
    tasks = [asyncio.create_task(nap(s)) for s in (0.6, 0.05, 0.15)]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    print("FIRST_COMPLETED:", sorted(t.result() for t in done), len(pending))
    done, pending = await asyncio.wait(tasks, timeout=0.15)
    print("timeout=0.15:", sorted(t.result() for t in done), len(pending))
    done, pending = await asyncio.wait(tasks)
    print("ALL_COMPLETED:", sorted(t.result() for t in done), len(pending))

    tasks = [asyncio.create_task(nap(0.05)), asyncio.create_task(nap(0.1, True)),
             asyncio.create_task(nap(0.7))]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_EXCEPTION)
    print("FIRST_EXCEPTION:", len(done), len(pending))
    for t in tasks:
        if t in done:
            print("  done:", t.exception() or t.result())
    for t in pending:
        t.cancel()
    await asyncio.wait(pending)
    print("cancelled the rest:", [t.cancelled() for t in tasks])
    print(asyncio.FIRST_COMPLETED, asyncio.FIRST_EXCEPTION, asyncio.ALL_COMPLETED)

asyncio.run(main())
