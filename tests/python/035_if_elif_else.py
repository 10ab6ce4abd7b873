def classify(n):
    if n < 0:
        kind = "negative"
    elif n == 0:
        kind = "zero"
    elif n % 2 == 0:
        kind = "even"
    else:
        kind = "odd"
    return kind

for n in [-3, 0, 4, 7]:
    print(n, classify(n))

def fizzbuzz(n):
    if n % 15 == 0:
        return "FizzBuzz"
    if n % 3 == 0:
        return "Fizz"
    if n % 5 == 0:
        return "Buzz"
    return str(n)

print(" ".join(fizzbuzz(i) for i in range(1, 16)))
value = []
if value:
    print("non-empty")
else:
    print("empty list is falsy")
label = "big" if len("hello") > 3 else "small"
print(label, "yes" if None else "no", "a" if 0 else "b" if 1 else "c")
x = 7
if x > 5 and x < 10 or x == 100:
    print("in range")
if not (x == 3 or x == 4):
    print("neither 3 nor 4")
if x:
    pass
else:
    print("never")
