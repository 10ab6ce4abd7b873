# threading.local: each thread sees its own attributes.
import threading
import time
from concurrent.futures import ThreadPoolExecutor

data = threading.local()
data.name = "main"
seen = {}


def work(n):
    print_later = hasattr(data, "name")
    data.name = f"worker {n}"
    data.count = n * 10
    seen[n] = (print_later, data.name, data.count)


threads = [threading.Thread(target=work, args=(n,)) for n in range(3)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(sorted(seen.items()))
print("main still sees", data.name, "and", getattr(data, "count", "no count"))
try:
    data.count
except AttributeError as e:
    print("AttributeError:", e)


class Session(threading.local):
    opened = []  # a class attribute: shared by every thread

    def __init__(self, url, retries=1):
        self.url, self.retries = url, retries
        Session.opened.append(threading.current_thread().name)

    def describe(self):
        return f"{self.url} x{self.retries}"


session = Session("https://example.org", retries=3)


def fetch(n):
    time.sleep(0.05)  # both workers start
    return session.describe(), threading.current_thread().name


with ThreadPoolExecutor(max_workers=2, thread_name_prefix="pool") as pool:
    results = list(pool.map(fetch, range(6)))
print(results[0][0], sorted({name for _, name in results}))
print("__init__ ran in", sorted(Session.opened))
del session.retries
print(hasattr(session, "retries"), session.url, isinstance(session, threading.local))
try:
    threading.local("arg")
except TypeError as e:
    print("TypeError:", e)
print(type(data).__name__, type(session).__name__, type(data))
