import queue
import threading

tasks = queue.Queue()
results = queue.Queue()
STOP = None

def worker():
    while True:
        item = tasks.get()
        if item is STOP:
            tasks.task_done()
            break
        results.put((item, item ** 2))
        tasks.task_done()

workers = [threading.Thread(target=worker, name=f"w{i}") for i in range(3)]
for w in workers:
    w.start()
for n in range(10):
    tasks.put(n)
tasks.join()
print("all tasks done, unfinished queue size:", tasks.qsize())
collected = []
while not results.empty():
    collected.append(results.get())
print(sorted(collected))
for _ in workers:
    tasks.put(STOP)
for w in workers:
    w.join()
print("workers stopped:", [w.is_alive() for w in workers])
try:
    tasks.task_done()
except ValueError as e:
    print("ValueError:", e)
