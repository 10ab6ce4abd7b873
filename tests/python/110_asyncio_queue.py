import asyncio

async def producer(queue, items):
    for item in items:
        await queue.put(item)
        print("put", item, "size", queue.qsize())
    await queue.put(None)

async def consumer(queue, name, seen):
    while True:
        item = await queue.get()
        queue.task_done()
        if item is None:
            break
        await asyncio.sleep(0.01)
        seen.append(item)
        print(name, "got", item)

async def main():
    queue = asyncio.Queue(maxsize=2)
    print("empty:", queue.empty(), "full:", queue.full(), "maxsize:", queue.maxsize)
    seen = []
    await asyncio.gather(producer(queue, ["a", "b", "c", "d"]), consumer(queue, "consumer", seen))
    print("seen:", seen)
    await queue.join()
    print("join returned: every item was marked done")
    q = asyncio.Queue()
    try:
        q.get_nowait()
    except asyncio.QueueEmpty:
        print("get_nowait: QueueEmpty")
    small = asyncio.Queue(1)
    small.put_nowait(1)
    try:
        small.put_nowait(2)
    except asyncio.QueueFull:
        print("put_nowait: QueueFull")
    try:
        await asyncio.wait_for(q.get(), timeout=0.05)
    except TimeoutError:
        print("get with wait_for timed out")

asyncio.run(main())
