import threading

results = {}

def work(name, count, *, scale=1, label="-"):
    results[name] = (sum(range(count)) * scale, label)

t1 = threading.Thread(target=work, args=("a", 10))
t2 = threading.Thread(target=work, args=["b", 5], kwargs={"scale": 3, "label": "y"})
t3 = threading.Thread(target=work, kwargs=dict(name="c", count=4, label="kw only"))
t4 = threading.Thread(target=work, args=("d",), kwargs={"count": 3}, name="named-worker")
threads = [t1, t2, t3, t4]
for t in threads:
    t.start()
for t in threads:
    t.join()
for key in sorted(results):
    print(key, results[key])
print([t.name for t in threads])

empty = threading.Thread()
empty.start()
empty.join()
print("a Thread without a target runs and ends:", empty.is_alive())

def echo(*args, **kwargs):
    print("echo got", args, kwargs)

t = threading.Thread(target=echo, args=(1, "two"), kwargs={"three": 3.0})
t.start()
t.join()
try:
    t.start()
except RuntimeError as e:
    print("RuntimeError:", e)
