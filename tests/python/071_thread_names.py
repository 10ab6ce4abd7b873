import threading

def report():
    me = threading.current_thread()
    print("inside:", me.name, me is threading.main_thread())

print(threading.main_thread().name, threading.current_thread().name)
print(threading.current_thread() is threading.main_thread())
t1 = threading.Thread(target=report)
t2 = threading.Thread(target=report, name="downloader")
t3 = threading.Thread(target=lambda: report())
t4 = threading.Thread(target=report)
for t in (t1, t2, t3, t4):
    t.start()
    t.join()

class Job(threading.Thread):
    def run(self):
        report()

j = Job()
print(j.name)
j.start()
j.join()
t5 = threading.Thread(target=report)
t5.name = "renamed-" + t5.name
t5.start()
t5.join()
print([t.name for t in (t1, t2, t3, t4, j, t5)])
report()
