import concurrent.futures

class ParseError(Exception):
    pass

def parse(text):
    if not text.isdigit():
        raise ParseError(f"not a number: {text!r}")
    return int(text)

def divide(a, b):
    return a / b

with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
    futures = {text: pool.submit(parse, text) for text in ["12", "x7", "300", ""]}
    for text, future in futures.items():
        try:
            print(repr(text), "->", future.result())
        except ParseError as e:
            print(repr(text), "-> ParseError re-raised by result():", e)
    bad = pool.submit(divide, 1, 0)
    error = bad.exception()
    print("exception():", type(error).__name__, error, "| done:", bad.done())
    try:
        bad.result()
    except ZeroDivisionError as e:
        print("same object re-raised:", e is error)
    good = pool.submit(divide, 1, 4)
    print("no exception:", good.exception(), good.result())
    in_map = pool.map(divide, [4, 5, 6], [2, 0, 3])
    print(next(in_map))
    try:
        next(in_map)
    except ZeroDivisionError as e:
        print("map stops at the failing item:", e)
print("the pool survived its failed tasks")
