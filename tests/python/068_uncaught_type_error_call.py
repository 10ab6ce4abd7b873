class Greeter:
    def __init__(self, greeting):
        self.greeting = greeting

    def greet(self, name, punctuation):
        return self.greeting + ", " + name + punctuation

def greet_everyone(greeter, names):
    for name in names:
        print(greeter.greet(name, "!"))
    print(greeter.greet("stranger"))

greet_everyone(Greeter("Привет"), ["Аня", "Боря"])
