import concurrent.futures
import time

def power(base, exponent):
    return base ** exponent

def label(text, count, sep):
    return sep.join([text] * count)

def delayed(x):
    time.sleep(0.05 * (3 - x))
    return x * 10

with concurrent.futures.ThreadPoolExecutor(max_workers=3) as ex:
    print(list(ex.map(power, [2, 3, 4], [10, 3, 2])))
    print(list(ex.map(power, [2, 3, 4, 5, 6], [1, 2])))
    print(list(ex.map(label, "ab", [2, 3], ["-", "+"])))
    print(list(ex.map(lambda s: s.upper(), ["мир", "труд"])))
    print("results keep input order:", list(ex.map(delayed, [0, 1, 2])))
    results = ex.map(power, range(5), [2] * 5)
    print(next(results), list(results))
    print(list(ex.map(power, [], [])))
    try:
        list(ex.map(power, [1, "x"], [2, 2]))
    except TypeError as e:
        print("map re-raises from the worker: TypeError:", e)
