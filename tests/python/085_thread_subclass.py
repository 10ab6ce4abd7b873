import threading
import time

class Squarer(threading.Thread):
    def __init__(self, numbers):
        super().__init__()
        self.numbers = numbers
        self.result = None

    def run(self):
        self.result = [n * n for n in self.numbers]

class Sleeper(threading.Thread):
    def __init__(self, seconds, label):
        super().__init__(name=f"sleeper-{label}")
        self.seconds = seconds

    def run(self):
        time.sleep(self.seconds)
        print(f"{self.name} woke after {self.seconds} s in {threading.current_thread().name}")

s = Squarer([1, 2, 3])
print(s.name, s.result, isinstance(s, threading.Thread))
s.start()
s.join()
print(s.result, s.is_alive())
sleepers = [Sleeper(0.5, "slow"), Sleeper(0.1, "fast"), Sleeper(0.3, "mid")]
for t in sleepers:
    t.start()
for t in sleepers:
    t.join()
direct = Sleeper(0, "direct")
direct.run()
print(direct.is_alive(), direct.ident)
