import random

random.seed(42)
print(random.random())
print(random.random())
print([random.randint(1, 6) for _ in range(10)])
print(random.uniform(1.5, 2.5))
print(random.choice(["камень", "ножницы", "бумага"]))
deck = list(range(10))
random.shuffle(deck)
print(deck)

random.seed(42)
again = random.random()
random.seed(42)
print("same seed, same first number:", again == random.random())

random.seed(2024)
print([round(random.random(), 6) for _ in range(3)])
print(random.randint(0, 10 ** 12), random.randint(-5, 5), random.randint(7, 7))
print([random.choice("abcdef") for _ in range(8)])
print(f"{random.uniform(-1, 1):.10f}", random.uniform(10, 10))
letters = list("потоки")
random.shuffle(letters)
print("".join(letters))
try:
    random.choice([])
except IndexError as e:
    print("IndexError:", e)
try:
    random.randint(5, 1)
except ValueError as e:
    print("ValueError:", e)
