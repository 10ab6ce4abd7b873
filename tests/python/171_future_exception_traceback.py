# An exception in a pool's task, re-raised by result() and not caught: the
# traceback goes through concurrent.futures' own frames into the task.
from concurrent.futures import ThreadPoolExecutor, as_completed, wait, FIRST_EXCEPTION


def ratio(a, b):
    return a / b


with ThreadPoolExecutor(max_workers=2) as executor:
    futures = [executor.submit(ratio, 1, n) for n in (4, 2, 1)]
    print(sorted(f.result() for f in as_completed(futures)))
    done, not_done = wait([executor.submit(ratio, 1, 0)], return_when=FIRST_EXCEPTION)
    print(len(done), len(not_done), type(done.pop().exception()).__name__)
    seen = []
    late = executor.submit(ratio, 3, 1)
    late.result()
    late.add_done_callback(lambda f: seen.append(f.result()))
    print("callback on a done future runs at once:", seen)
    print(repr(late).split(" at ")[0], repr(late).split(" state=")[1])
    bad = executor.submit(ratio, 1, 0)
    print(bad.result())
