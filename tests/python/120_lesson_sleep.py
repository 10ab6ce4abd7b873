# The lesson's first listing: one function that sleeps, timed like `%time sleep()`.
# Sleeps are scaled down (1 s -> 0.1 s).
import time

def took(seconds, expected):
    # A busy machine only ever adds delays: print the expected time when the
    # real one is less than 0.5 s above it, else the real one (a failure).
    return expected if expected <= seconds < expected + 0.5 else round(seconds, 2)

def sleep(_time = 0.1):
    from time import sleep
    print("Сейчас как усну на целую секунду!\n")
    sleep(_time)
    print("Вот это я выспался\n")

wall_start = time.perf_counter()
cpu_start = time.process_time()
sleep()
cpu = time.process_time() - cpu_start
wall = time.perf_counter() - wall_start
print(f"Wall time: {took(wall, 0.1)} s")
print("CPU time is a small part of it:", cpu < wall / 2)
