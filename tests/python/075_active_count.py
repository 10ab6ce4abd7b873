import threading

go = threading.Event()
started = threading.Semaphore(0)

def wait_for_go():
    started.release()
    go.wait()

print("at start:", threading.active_count())
threads = [threading.Thread(target=wait_for_go) for _ in range(3)]
print("created, not started:", threading.active_count())
for t in threads:
    t.start()
for _ in threads:
    started.acquire()
print("three waiting:", threading.active_count())
go.set()
for t in threads:
    t.join()
print("after join:", threading.active_count())
