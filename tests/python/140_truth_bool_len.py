# Truth tests call __bool__, then __len__, of the program's own classes.
class Box:
    def __init__(self, items):
        self.items = items

    def __len__(self):
        return len(self.items)


class Flag:
    def __init__(self, on):
        self.on = on

    def __bool__(self):
        print("  __bool__ of", self.on)
        return self.on

    def __len__(self):
        return 0  # never asked: __bool__ comes first


class LoudBox(Box):
    pass


empty, full = Box([]), LoudBox([1, 2])
print(bool(empty), bool(full), bool(Box), not empty, not full)
if full and not empty:
    print("full, not empty")
print("or gives", (empty or full).items, "and gives", (full and empty).items)
print(Flag(True) and "yes", Flag(False) or "no")
print("ternary:", "t" if Flag(False) else "f")
stack = Box([1, 2, 3])
while stack:
    stack.items.pop()
print("stack emptied:", len(stack))
boxes = [Box([]), Box([0]), Box([]), Box([1, 1])]
print(any(boxes), all(boxes), len(list(filter(None, boxes))))
print([len(b) for b in boxes if b])


class Bad:
    def __bool__(self):
        return 1


class Negative:
    __len__ = lambda self: -1


for obj in [Bad(), Negative()]:
    try:
        bool(obj)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
if Bad():
    print("unreachable")
