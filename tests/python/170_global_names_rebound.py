# Globals found again after they are deleted, re-made, shadowed and unshadowed:
# whatever the interpreter remembers of where a name was, it must find the
# current value, or say the name is not defined.
total = 0
for i in range(5):
    total += i
    if i == 2:
        del total
        total = 100
print("total:", total)


def read_counter():
    return counter


counter = 1
print(read_counter())
del counter
try:
    read_counter()
except NameError as e:
    print("NameError:", e)
counter = 2
print(read_counter())

print(len([1, 2, 3]))
len = lambda items: "shadowed"
print(len([1, 2, 3]))
del len
print(len([1, 2, 3]))


def bump():
    global hits
    hits = hits + 1


hits = 0
for _ in range(1000):
    bump()
print("hits:", hits)

n0, n25, n49 = 0, 25, 49
print(n0, n25, n49)
del n25
try:
    print(n25)
except NameError as e:
    print("NameError:", e)
x = 10
for step in range(3):
    x = x * 2 if step != 1 else x - 1
print("x:", x, 7 % -3, -7 // 2, (2**62) * 4, 5 < 7, 7 <= 5)
print([v for v in [3, 1, 2]], [v for v in (9, 8)])
