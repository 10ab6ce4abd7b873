class Point:
    pass

p = Point()
p.x, p.y = 3, 4
print(p.x, p.y)
data = [0, 0, 0, 0]
data[0] = "first"
data[-1] = "last"
data[1:3] = [10, 20, 30]
print(data)
table = {}
table["k"] = [1]
table["k"].append(2)
table[("t", 1)] = "tuple key"
print(table)
i = 0
lst = [10, 20, 30]
i, lst[i] = 1, 99
print(i, lst)
a = b = c = []
a.append(1)
print(a, b, c, a is c)
matrix = [[0] * 3 for _ in range(2)]
matrix[0][1], matrix[1][2] = "a", "b"
print(matrix)
p.items = {}
p.items["name"] = "P"
p.items["name"] += "oint"
print(p.items, p.items["name"][-4:])
x, (y, z) = 1, [2, 3]
[u, v] = "uv"
print(x, y, z, u, v)
for p.x in range(3):
    pass
print(p.x)
