import random
import threading

class Account:
    def __init__(self, name, balance):
        self.name = name
        self.balance = balance
        self.lock = threading.Lock()

    def __repr__(self):
        return f"{self.name}={self.balance}"

def transfer(src, dst, amount):
    first, second = sorted([src, dst], key=lambda a: a.name)
    with first.lock:
        with second.lock:
            if src.balance < amount:
                return False
            src.balance -= amount
            dst.balance += amount
            return True

accounts = [Account(n, 1000) for n in ("anna", "boris", "vera", "gleb")]
random.seed(5)
plans = [[(random.choice(accounts), random.choice(accounts), random.randint(1, 300))
          for _ in range(200)] for _ in range(4)]
ok_counts = [0] * 4

def run(i):
    for src, dst, amount in plans[i]:
        if src is not dst and transfer(src, dst, amount):
            ok_counts[i] += 1

threads = [threading.Thread(target=run, args=(i,)) for i in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("money is conserved:", sum(a.balance for a in accounts))
print("no account went negative:", all(a.balance >= 0 for a in accounts))
print("planned:", [len(p) for p in plans], "first plan:", plans[0][0][0].name, plans[0][0][2])
