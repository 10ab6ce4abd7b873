# Builtins that run a whole generator (`list(gen)`, `sorted(f.result() for f in fs)`,
# `gather(*gen)`), in the single-threaded build. A builtin resuming a generator has
# Rust frames under it, so a wait in the generator could not park its thread
# (src/python/park.rs); here a `for` in a Python frame resumes it, on the thread's
# own loop, and the builtin gets the items.


def collect(consumer, items, *args, **kwargs):
    return consumer([item for item in items], *args, **kwargs)


def extend(items, more):
    for item in more:
        items.append(item)
    return items


def collect_into(consumer, first, items):
    return consumer(first, [item for item in items])


def any_of(items):
    for item in items:
        if item:
            return True
    return False


def all_of(items):
    for item in items:
        if not item:
            return False
    return True
