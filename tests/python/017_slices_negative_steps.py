a = list(range(10))
print(a[::-1], a[::-2], a[-2::-3])
print(a[7:2:-1], a[7:2:-2], a[2:7:-1], a[-1:-4:-1])
print(a[:], a[3:], a[:3], a[-3:], a[1:9:3], a[100:200], a[-100:2])
b = a[:]
b[2:5] = ["x", "y"]
print(b)
b[::2] = [0] * len(b[::2])
print(b)
b[1:1] = ["inserted"]
print(b)
del b[::3]
print(b)
c = list("abcdefgh")
del c[-1:-4:-1]
print(c)
try:
    c[::2] = [1]
except ValueError as e:
    print("ValueError:", e)
t = (0, 1, 2, 3, 4)
print(t[::-1], t[1:4], t[-2:], t[::2])
s = slice(1, 8, 3)
print(a[s], s.start, s.stop, s.step, s)
print("abcdef"[slice(None, None, -1)], "abcdef"[-2:-5:-1])
print(range(10)[::-3], range(10)[2:5], list(range(10)[::-3]))
