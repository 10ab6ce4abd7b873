import os.path
import threading as th
import concurrent.futures
from math import sqrt as root, pi
from queue import Queue, Empty as QueueEmpty
import sys, time
import random as rnd

print(os.path.join("a", "b"), type(os.path).__name__, type(os).__name__)
print(th.current_thread().name, th.Thread.__name__)
print(concurrent.futures.ThreadPoolExecutor.__name__)
print(root(16), round(pi, 5))
q = Queue()
try:
    q.get_nowait()
except QueueEmpty:
    print("queue.Empty caught under another name")
print(sys.getrecursionlimit() > 0, time.time() > 0)
rnd.seed(1)
print(rnd.randint(1, 100))

def lazy():
    import math
    return math.floor(2.7)

print(lazy())
try:
    math.floor(1.5)
except NameError as e:
    print("NameError:", e)
import threading
print(threading is th, th.Lock is threading.Lock)
from os import path as p
print(p.basename("/x/y/z.txt"), p is os.path)
