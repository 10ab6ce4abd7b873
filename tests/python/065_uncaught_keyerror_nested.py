inventory = {"apple": 3, "pear": 0}

def stock(item):
    return inventory[item]

def order(items):
    lines = []
    for item in items:
        lines.append(f"{item}: {stock(item)}")
    return lines

print(order(["apple", "pear"]))
print(order(["apple", "banana"]))
