import asyncio
import time

async def job(name, seconds):
    await asyncio.sleep(seconds)
    print(f"{name} finished after {seconds} s")
    return f"{name}:{seconds}"

async def main():
    start = time.perf_counter()
    results = await asyncio.gather(job("a", 0.3), job("b", 0.1), job("c", 0.2))
    print("gather keeps argument order:", results)
    print("concurrent, not 0.6 s:", time.perf_counter() - start < 0.55)

    task = asyncio.create_task(job("task", 0.05))
    print("created; done yet?", task.done())
    print("task result:", await task, task.done(), task.result())

    tasks = [asyncio.create_task(job(f"t{i}", 0.1 * (3 - i))) for i in range(3)]
    for t in tasks:
        print("awaited in creation order:", await t)
    print("gather of nothing:", await asyncio.gather())
    print("gather of tasks and coroutines:", await asyncio.gather(tasks[0], job("extra", 0)))

asyncio.run(main())
