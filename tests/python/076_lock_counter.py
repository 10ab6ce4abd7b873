import threading

counter = 0
lock = threading.Lock()

def add(times):
    global counter
    for _ in range(times):
        with lock:
            counter += 1

threads = [threading.Thread(target=add, args=(5000,)) for _ in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("counter =", counter)

totals = {}
totals_lock = threading.Lock()

def tally(word):
    for _ in range(1000):
        totals_lock.acquire()
        try:
            totals[word] = totals.get(word, 0) + 1
        finally:
            totals_lock.release()

workers = [threading.Thread(target=tally, args=(w,)) for w in ["a", "b", "a", "c", "a"]]
for t in workers:
    t.start()
for t in workers:
    t.join()
print(sorted(totals.items()))
