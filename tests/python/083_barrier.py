import threading

def all_arrived():
    print("barrier action: everybody is here")

barrier = threading.Barrier(3, action=all_arrived)
print("parties:", barrier.parties, "waiting:", barrier.n_waiting, "broken:", barrier.broken)
indexes = []
phases = []
lock = threading.Lock()

def runner(name):
    with lock:
        phases.append(("before", name))
    index = barrier.wait()
    with lock:
        indexes.append(index)
        phases.append(("after", name))

threads = [threading.Thread(target=runner, args=(n,)) for n in ("a", "b", "c")]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("wait() indexes:", sorted(indexes))
kinds = [kind for kind, _ in phases]
print("every 'before' happened before every 'after':", kinds == ["before"] * 3 + ["after"] * 3)
print("waiting after the round:", barrier.n_waiting, "broken:", barrier.broken)

two = threading.Barrier(2)
results = []
def second():
    results.append(two.wait())
t = threading.Thread(target=second)
t.start()
results.append(two.wait())
t.join()
print("reusable, second round indexes:", sorted(results))
