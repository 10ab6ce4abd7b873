import threading

def divide(a, b):
    print(f"dividing {a} by {b}")
    return a / b

def worker(pairs):
    for a, b in pairs:
        print("result", divide(a, b))

t = threading.Thread(target=worker, args=([(10, 2), (1, 0), (3, 3)],))
t.start()
t.join()
print("main goes on; the thread is dead:", t.is_alive())

ok = threading.Thread(target=worker, args=([(9, 3)],))
ok.start()
ok.join()

def fail_with_key():
    {"a": 1}["b"]

named = threading.Thread(target=fail_with_key, name="lookup")
named.start()
named.join()
print("main finished normally")
