r = range(10)
print(r, len(r), r[0], r[-1], 5 in r, 10 in r)
print(list(range(5)), list(range(2, 8)), list(range(0, 20, 5)), list(range(10, 0, -3)))
print(range(3, 9, 2), list(range(3, 9, 2)), len(range(3, 9, 2)), range(0))
print(list(range(5, 0)), list(range(-5, 0)), list(range(0, -10, -4)))
print(range(0, 10 ** 20, 3)[-1], range(10 ** 20)[-1], 10 ** 19 in range(10 ** 20), len(range(0, 10 ** 9, 7)))
print(range(10)[2:8:2], range(10)[::-1], range(1, 4) == range(1, 4), range(0) == range(5, 5))
print(range(6).index(4), range(6).count(7), sum(range(101)), max(range(7)), min(range(3, 9)))
total = 0
for i in range(1, 11):
    total += i * i
print(total)
try:
    range(0, 10, 0)
except ValueError as e:
    print("ValueError:", e)
try:
    range(5)[5]
except IndexError as e:
    print("IndexError:", e)
print(list(reversed(range(4))), tuple(range(3)), [i for i in range(20) if i % 7 == 0])
