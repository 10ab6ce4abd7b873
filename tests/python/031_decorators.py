def shout(func):
    def wrapper(*args, **kwargs):
        return func(*args, **kwargs).upper() + "!"
    return wrapper

def repeat(times):
    def decorator(func):
        def wrapper(*args):
            return [func(*args) for _ in range(times)]
        return wrapper
    return decorator

def log_calls(func):
    def wrapper(*args, **kwargs):
        print(f"-> {func.__name__}{args}")
        result = func(*args, **kwargs)
        print(f"<- {func.__name__} = {result!r}")
        return result
    return wrapper

@shout
def hello(name):
    return "hello " + name

@repeat(3)
def roll(x):
    return x * 2

@log_calls
@shout
def stacked(word):
    return word

print(hello("world"))
print(roll(5))
print(stacked("wow"))
print(hello.__name__, stacked.__name__)

registry = {}

def register(func):
    registry[func.__name__] = func
    return func

@register
def alpha():
    return "a"

@register
def beta():
    return "b"

print(sorted(registry), registry["beta"]())
