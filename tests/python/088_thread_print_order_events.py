import threading

names = ["first", "second", "third", "fourth"]
turns = [threading.Event() for _ in names]

def speak(i):
    turns[i].wait()
    print(f"{names[i]} thread speaks ({threading.current_thread().name})")
    if i + 1 < len(turns):
        turns[i + 1].set()

threads = [threading.Thread(target=speak, args=(i,), name=f"T{i}") for i in range(len(names))]
for t in reversed(threads):
    t.start()
print("all started, none may speak yet")
turns[0].set()
for t in threads:
    t.join()
print("chain complete")

lock = threading.Lock()
lines = []

def write_block(tag):
    with lock:
        for k in range(3):
            lines.append(f"{tag}{k}")

ws = [threading.Thread(target=write_block, args=(tag,)) for tag in "xyz"]
for w in ws:
    w.start()
for w in ws:
    w.join()
blocks = ["".join(lines[i:i + 3]) for i in range(0, 9, 3)]
print("each block stayed whole:", sorted(blocks))
