n = 10
n += 5; print(n)
n -= 3; print(n)
n *= 2; print(n)
n /= 8; print(n)
n //= 1; print(n)
n **= 3; print(n)
n %= 7; print(n)
s = "ab"
s += "cd"
s *= 2
print(s)
items = [1]
alias = items
items += [2, 3]
print(items, alias, items is alias)
items = items + [4]
print(items, alias, items is alias)
t = (1,)
t += (2,)
print(t)
grid = [[0, 0], [0, 0]]
grid[1][0] += 5
grid[0][-1] -= 2
print(grid)
counts = {"x": 1}
counts["x"] += 10
counts["y"] = counts.get("y", 0) + 1
print(counts)
class Box:
    pass
box = Box()
box.total = 100
box.total -= 1
box.total //= 9
print(box.total)
bits = 0b1010
bits |= 1; bits &= 0b0111; bits ^= 0b100; bits <<= 2; bits >>= 1
print(bits)
