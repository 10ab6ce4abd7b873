class Account:
    def __init__(self, owner, balance):
        self.owner = owner
        self.balance = balance

    def withdraw(self, amount):
        if amount > self.balance:
            raise ValueError(f"{self.owner}: insufficient funds ({amount} > {self.balance})")
        self.balance -= amount
        return self.balance

    def pay_all(self, bills):
        for bill in bills:
            print("paid", bill, "left", self.withdraw(bill))

acct = Account("Ann", 100)
acct.pay_all([30, 50, 40])
