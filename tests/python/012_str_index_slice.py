s = "Многопоточность"
print(s[0], s[-1], s[4], len(s))
print(s[:5], s[5:], s[-6:], s[2:8:2], s[::-1], s[::3])
print(s[100:], repr(s[5:2]), s[-100:3])
t = "0123456789"
print(t[::-2], t[8:2:-1], t[-1:-5:-1], t[5::-1], t[:3:-1], t[::-4])
print(t[1:-1], t[-3:], t[:-3], t[3:3], t[::1] == t)
try:
    print(t[10])
except IndexError as e:
    print("IndexError:", e)
try:
    t[0] = "x"
except TypeError as e:
    print("TypeError:", e)
for i, ch in enumerate("abc"):
    print(i, ch)
print("abc" + "def", "pre" "fix", "-".join(t[i:i + 3] for i in range(0, 10, 3)))
print("\u0041\t\x42", "quote\"s", 'single\'s', r"raw\n", len("\n"))
print(repr("it's"), repr('say "hi"'), repr("both ' and \""), repr("new\nline"), repr("tab\t"))
