# A set of small ints iterates in its hash table's order, which for ints is their
# value's: CPython prints {1, 2, 3} for {3, 1, 2}. (Strings hash at random per run in
# CPython, so only ints are checked here.)
print({3, 1, 2})
print({x * 7 % 10 for x in range(10)})
s = set()
for n in (40, 8, 16, 3):
    s.add(n)
print(s, list(s))
print(sorted({5, -1, -2}), {5, -1, -2}, {50, 2, 100})
print({True, 0, 7}, [n for n in {64, 32, 16, 8}])
print({"one"}, set(), {x for x in range(20, 0, -3)})
