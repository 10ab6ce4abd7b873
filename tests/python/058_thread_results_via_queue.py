import queue
import threading

def parse_all(chunk, out):
    for text in chunk:
        try:
            out.put(("ok", text, int(text)))
        except ValueError as e:
            out.put(("error", text, str(e)))

chunks = [["1", "2", "x"], ["40", ""], ["-7", "3.5", "10"]]
out = queue.Queue()
threads = [threading.Thread(target=parse_all, args=(c, out)) for c in chunks]
for t in threads:
    t.start()
for t in threads:
    t.join()
results = []
while True:
    try:
        results.append(out.get_nowait())
    except queue.Empty:
        break
for status, text, value in sorted(results, key=lambda r: (r[0], r[1])):
    print(f"{status:<5} {text!r:>6} -> {value}")
oks = [value for status, _, value in results if status == "ok"]
print("sum of good values:", sum(oks), "errors:", len(results) - len(oks))
