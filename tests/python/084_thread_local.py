import threading

data = threading.local()
data.name = "main"
results = {}

def worker(name, value):
    try:
        data.name
    except AttributeError:
        results[name + ": starts without main's name"] = True
    data.name = name
    data.value = value
    step = threading.Event()
    step.wait(0.01)
    results[name] = (data.name, data.value)

threads = [threading.Thread(target=worker, args=(f"t{i}", i * 10)) for i in range(3)]
for t in threads:
    t.start()
for t in threads:
    t.join()
for key in sorted(results):
    print(key, results[key])
print("main still sees:", data.name)
try:
    print(data.value)
except AttributeError as e:
    print("AttributeError in main: value was set only in the workers")

class Context(threading.local):
    def __init__(self):
        self.requests = 0

ctx = Context()
def handle(n):
    for _ in range(n):
        ctx.requests += 1
    results["ctx" + str(n)] = ctx.requests

ts = [threading.Thread(target=handle, args=(n,)) for n in (2, 5)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(results["ctx2"], results["ctx5"], "main:", ctx.requests)
