x = 5
print(1 < x < 10, 1 < x > 10, 0 <= x <= 5, 5 == x == 5.0, 1 < 2 < 3 < 4 < 3)
print(1 == 1 != 2, "a" < "b" < "c", [1] < [2] <= [2], 3 > 2 > 1 > 0)
calls = []
def value(v):
    calls.append(v)
    return v
print(value(1) < value(2) < value(3), calls)
calls.clear()
print(value(3) < value(2) < value(1), calls)
calls.clear()
print(value(1) < value(5) > value(2), calls)
def grade(score):
    if 90 <= score <= 100:
        return "A"
    elif 75 <= score < 90:
        return "B"
    elif 0 <= score < 75:
        return "C"
    return "?"
print([grade(s) for s in [100, 90, 89.9, 75, 10, -1, 101]])
nothing = None
print(1 < 2 == 2, (1 < 2) == 2, x is not nothing is not False, 2 in [1, 2] in [[1, 2]])
a = b = [1]
print(a is b, a == b == [1], a is not [1])
