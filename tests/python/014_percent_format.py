print("%s is %d years old" % ("Ann", 30))
print("%5d|%-5d|%05d|%+d" % (42, 42, 42, 42))
print("%.2f|%8.3f|%-8.1f|%e" % (3.14159, 2.71828, 1.5, 12345.678))
print("%x %X %o %#x %#o" % (255, 255, 8, 255, 8))
print("%r %s" % ("text", "text"), "%s" % [1, 2], "%s" % (("tuple",),))
print("%(name)s likes %(food)s" % {"name": "Bob", "food": "pie"})
print("100%% sure" % (), "%c%c" % (80, "y"))
print("%10s|%-10s|" % ("right", "left"))
print("%.3s" % "abcdef", "%s" % None, "%d" % 3.99, "%g %g" % (0.5, 1e20))
try:
    print("%d %d" % (1,))
except TypeError as e:
    print("TypeError:", e)
try:
    print("%d" % "x")
except TypeError as e:
    print("TypeError:", e)
