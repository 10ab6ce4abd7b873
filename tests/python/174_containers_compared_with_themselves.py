# A dict or a set compared with (or combined with) itself: one lock, taken once.
s = {1, 2, 3}
d = {"a": 1}
print(s == s, s <= s, s < s, s | s, s & s, s - s, s ^ s)
print(d == d, d != d)
t = s
print(t is s, t == s)
