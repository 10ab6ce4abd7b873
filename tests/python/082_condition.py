import threading

items = []
cond = threading.Condition()

def consumer(count):
    for _ in range(count):
        with cond:
            cond.wait_for(lambda: items)
            item = items.pop(0)
            print("consumer got", item)
            cond.notify_all()

t = threading.Thread(target=consumer, args=(3,))
t.start()
for item in ["хлеб", "молоко", "сыр"]:
    with cond:
        items.append(item)
        print("producer put", item)
        cond.notify()
        cond.wait_for(lambda: not items)
t.join()

with cond:
    print("wait(timeout) with nobody notifying:", cond.wait(timeout=0.05))
    print("wait_for(predicate, timeout):", cond.wait_for(lambda: False, timeout=0.05))

ready = []
arrived = threading.Semaphore(0)
gate = threading.Condition()
opened = [False]

def waiter(name):
    with gate:
        arrived.release()
        gate.wait_for(lambda: opened[0])
        ready.append(name)

ws = [threading.Thread(target=waiter, args=(n,)) for n in ("w1", "w2", "w3")]
for w in ws:
    w.start()
for _ in ws:
    arrived.acquire()
with gate:
    opened[0] = True
    gate.notify_all()
for w in ws:
    w.join()
print("notify_all woke:", sorted(ready))
try:
    cond.notify()
except RuntimeError as e:
    print("RuntimeError:", e)
