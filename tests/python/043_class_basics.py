class Counter:
    created = 0
    step = 1

    def __init__(self, name, start=0):
        self.name = name
        self.value = start
        Counter.created += 1

    def tick(self):
        self.value += self.step
        return self

    def describe(self):
        return f"{self.name}: {self.value}"

a = Counter("a")
b = Counter("b", 10)
a.tick().tick()
b.step = 5
b.tick()
print(a.describe(), "|", b.describe())
print(Counter.created, a.created, a.step, b.step, Counter.step)
Counter.step = 100
a.tick()
print(a.value, b.step, a.step, Counter("c").step)
print(type(a).__name__, type(a) is Counter, isinstance(b, Counter))
print(a.name, a.value, b.name, b.value)
method = b.tick
method()
print(b.value, Counter.describe(a))
print(a == b, a == a, a != b)
print(repr(a).startswith("<__main__.Counter object at 0x"))

class Temperature:
    def __init__(self, celsius):
        self.celsius = celsius

    def fahrenheit(self):
        return self.celsius * 9 / 5 + 32

    def warmer(self, delta):
        return Temperature(self.celsius + delta)

t = Temperature(20).warmer(5)
print(t.celsius, t.fahrenheit())
try:
    t.kelvin()
except AttributeError as e:
    print("AttributeError:", e)
