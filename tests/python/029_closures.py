def make_counter(start=0):
    count = start

    def increment(step=1):
        nonlocal count
        count += step
        return count

    return increment

c1 = make_counter()
c2 = make_counter(100)
print(c1(), c1(), c1(5), c2(), c1())

def make_multiplier(factor):
    return lambda x: x * factor

double, triple = make_multiplier(2), make_multiplier(3)
print(double(21), triple("ab"))

late = [lambda: i for i in range(3)]
early = [lambda i=i: i for i in range(3)]
print([f() for f in late], [f() for f in early])

def accumulator():
    history = []

    def add(x):
        history.append(x)
        return sum(history)

    return add

acc = accumulator()
print(acc(1), acc(10), acc(100))

def outer():
    x = "outer x"

    def middle():
        def inner():
            return x
        return inner()

    x = "changed before the call"
    return middle()

print(outer())
