def greet(name, greeting="Привет", punct="!"):
    return greeting + ", " + name + punct

print(greet("Аня"))
print(greet("Bob", "Hi"))
print(greet("Eve", punct="?"))
print(greet(punct=".", name="Kim", greeting="Hello"))

def append_to(item, bucket=[]):
    bucket.append(item)
    return bucket

print(append_to(1), append_to(2), append_to(3, []))

def append_safe(item, bucket=None):
    if bucket is None:
        bucket = []
    bucket.append(item)
    return bucket

print(append_safe(1), append_safe(2))

def connect(host, *, port=80, timeout):
    return f"{host}:{port} (timeout {timeout})"

print(connect("example", timeout=5))
print(connect("example", port=8080, timeout=0.5))
try:
    connect("example", 8080, 5)
except TypeError as e:
    print("TypeError:", e)
try:
    connect("example")
except TypeError as e:
    print("TypeError:", e)
try:
    greet()
except TypeError as e:
    print("TypeError:", e)
try:
    greet("a", nme="b")
except TypeError as e:
    print("TypeError:", e)
try:
    greet("a", "b", "c", "d")
except TypeError as e:
    print("TypeError:", e)

def no_return():
    x = 1

print(no_return(), greet.__name__)
