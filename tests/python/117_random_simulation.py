import random

random.seed(12345)
rolls = [random.randint(1, 6) for _ in range(600)]
counts = {face: rolls.count(face) for face in range(1, 7)}
print(counts, sum(counts.values()))
random.seed(0)
sleeps = [round(random.uniform(0.1, 0.5), 2) for _ in range(5)]
print("random sleeps:", sleeps)
inside = 0
for _ in range(2000):
    x, y = random.random(), random.random()
    if x * x + y * y <= 1:
        inside += 1
print("pi estimate:", 4 * inside / 2000)
random.seed(7)
names = ["Аня", "Боря", "Вика", "Гоша", "Дина"]
random.shuffle(names)
print(names, random.choice(names))
print([random.randint(1, 2 ** 40) for _ in range(3)])
print(random.random() < 1, 0 <= random.random())
random.seed(99)
big = [random.randint(1, 10 ** 30) for _ in range(2)]
print(big)
