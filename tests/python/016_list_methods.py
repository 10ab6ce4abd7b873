a = [3, 1, 4, 1, 5]
a.append(9)
a.extend([2, 6])
a.insert(0, 0)
a.insert(100, 7)
print(a, len(a))
print(a.pop(), a.pop(0), a.pop(2), a)
a.remove(1)
print(a, a.index(5), a.count(1), 4 in a, 8 not in a)
a.sort()
print(a)
a.sort(reverse=True)
print(a)
a.reverse()
print(a, sorted(a, reverse=True), a)
b = a.copy()
b[0] = 100
print(a[0], b[0], a == b, a is a)
print([1, 2] + [3], [0] * 4, [[0] * 2] * 2, [] == [], [1, [2, [3]]])
nested = [[1, 2], [3, 4]]
nested[1][0] = 30
print(nested, nested[1], nested[-1][-1])
del a[0]
del a[-2:]
print(a)
a.clear()
print(a, len(a))
try:
    a.pop()
except IndexError as e:
    print("IndexError:", e)
try:
    [1, 2].remove(3)
except ValueError as e:
    print("ValueError:", e)
words = ["pear", "Apple", "fig", "banana"]
print(sorted(words), sorted(words, key=str.lower), sorted(words, key=len))
print([1, 2, 3] < [1, 3], [2] > [1, 9], min([[2], [1, 5]]))
