import queue

q = queue.Queue()
print("empty:", q.empty(), "qsize:", q.qsize(), "full:", q.full(), "maxsize:", q.maxsize)
for item in ["a", "b", "c"]:
    q.put(item)
print("qsize:", q.qsize(), "empty:", q.empty(), "full:", q.full())
print("FIFO:", q.get(), q.get(), q.get())
print("empty again:", q.empty())

small = queue.Queue(maxsize=2)
small.put(1)
small.put(2)
print("maxsize 2 -> full:", small.full(), small.qsize(), small.maxsize)
print(small.get(), small.full())
small.put(3, block=True, timeout=1)
print([small.get() for _ in range(small.qsize())])
unbounded = queue.Queue(0)
for i in range(1000):
    unbounded.put(i)
print("maxsize 0 is unbounded:", unbounded.full(), unbounded.qsize())
total = 0
while not unbounded.empty():
    total += unbounded.get()
print("drained total:", total)
q.put(None)
q.put([1, 2])
q.put({"k": "v"})
print(q.get(), q.get(), q.get())
