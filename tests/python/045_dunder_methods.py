class Money:
    def __init__(self, amount, currency="RUB"):
        self.amount = amount
        self.currency = currency

    def __repr__(self):
        return f"Money({self.amount!r}, {self.currency!r})"

    def __str__(self):
        return f"{self.amount:,.2f} {self.currency}"

    def __eq__(self, other):
        if not isinstance(other, Money):
            return False
        return (self.amount, self.currency) == (other.amount, other.currency)

    def __lt__(self, other):
        return self.amount < other.amount

    def __add__(self, other):
        if isinstance(other, int):
            return Money(self.amount + other, self.currency)
        return Money(self.amount + other.amount, self.currency)

a, b = Money(1500.5), Money(20)
print(a, "|", repr(a), "|", [a, b], "|", (b,))
print(f"{a} / {a!r} / {a!s}", str(b), "%s %r" % (b, b))
print(a + b, a + 10, a == Money(1500.5), a == b, a != b, a == "x")
print(sorted([a, b, Money(7)]), min(a, b), max([a, b]), b < a, a > b)
print(sum([Money(1), Money(2)], Money(0)))
try:
    a + "text"
except AttributeError as e:
    print("AttributeError:", e)
try:
    "text" + a
except TypeError as e:
    print("TypeError:", e)
try:
    a <= b
except TypeError as e:
    print("TypeError:", e)
print(Money(1) in [Money(2), Money(1)], [Money(3)].index(Money(3)))
