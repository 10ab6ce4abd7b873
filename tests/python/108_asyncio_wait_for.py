import asyncio

async def slow_answer(delay):
    try:
        await asyncio.sleep(delay)
        return "answer"
    except asyncio.CancelledError:
        print("  slow_answer was cancelled by wait_for")
        raise

async def main():
    print(await asyncio.wait_for(slow_answer(0.05), timeout=1))
    try:
        await asyncio.wait_for(slow_answer(1), timeout=0.1)
    except asyncio.TimeoutError as e:
        print("TimeoutError:", type(e).__name__, asyncio.TimeoutError is TimeoutError)
    task = asyncio.create_task(slow_answer(0.3))
    try:
        await asyncio.wait_for(task, timeout=0.05)
    except TimeoutError:
        print("the task was cancelled too:", task.cancelled())
    print(await asyncio.wait_for(slow_answer(0), timeout=None))

asyncio.run(main())
