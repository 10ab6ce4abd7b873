import time

def retry(times, pause):
    def decorator(func):
        def wrapper(*args):
            for attempt in range(1, times + 1):
                try:
                    return func(*args)
                except TimeoutError as e:
                    print(f"attempt {attempt} failed: {e}")
                    time.sleep(pause)
            raise RuntimeError(f"{func.__name__}{args} gave up after {times} attempts")
        return wrapper
    return decorator

calls = {"count": 0}

@retry(3, 0.01)
def flaky(name):
    calls["count"] += 1
    if calls["count"] < 3:
        raise TimeoutError(f"{name} did not answer")
    return f"{name}: ok on call {calls['count']}"

@retry(2, 0.01)
def dead(name):
    raise TimeoutError(f"{name} is down")

print(flaky("alpha"))
print(dead("beta"))
