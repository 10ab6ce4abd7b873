for n in range(2, 20):
    for d in range(2, n):
        if n % d == 0:
            break
    else:
        print(n, end=" ")
print("are primes")

for i in range(10):
    if i % 2:
        continue
    if i > 6:
        break
    print("even", i)
else:
    print("not printed: the loop was broken")

for item in []:
    print("never")
else:
    print("for-else on an empty loop runs")

n = 0
while n < 3:
    n += 1
else:
    print("while-else ran, n =", n)

n = 0
while True:
    n += 1
    if n == 2:
        continue
    if n >= 4:
        break
    print("while n =", n)

target = 7
numbers = [1, 3, 5]
for x in numbers:
    if x == target:
        print("found")
        break
else:
    print(target, "not found in", numbers)

for i in range(3):
    for j in range(3):
        if j == 2:
            break
        if i == j:
            continue
        print(i, j)
