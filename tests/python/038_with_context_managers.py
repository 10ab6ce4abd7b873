class Tag:
    def __init__(self, name, suppress=False):
        self.name = name
        self.suppress = suppress

    def __enter__(self):
        print(f"<{self.name}>")
        return self.name.upper()

    def __exit__(self, exc_type, exc, tb):
        print(f"</{self.name}>", "exception:", None if exc_type is None else exc_type.__name__)
        return self.suppress

with Tag("html") as value:
    print("inside, as =", value)
    with Tag("body"), Tag("p") as inner:
        print("nested", inner)

with Tag("safe", suppress=True):
    raise ValueError("swallowed")
print("after the suppressed error")

try:
    with Tag("unsafe"):
        raise KeyError("escapes")
except KeyError as e:
    print("caught", repr(e))

def early():
    with Tag("fn"):
        return "returned from inside with"

print(early())

for i in range(3):
    with Tag(f"loop{i}"):
        if i == 1:
            continue
        if i == 2:
            break
        print("body", i)
