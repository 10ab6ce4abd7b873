class Animal:
    sound = "..."

    def __init__(self, name):
        self.name = name

    def speak(self):
        return f"{self.name} says {self.sound}"

    def kind(self):
        return "animal"

class Dog(Animal):
    sound = "Гав"

    def __init__(self, name, breed):
        super().__init__(name)
        self.breed = breed

    def kind(self):
        return "dog, a kind of " + super().kind()

class Puppy(Dog):
    def speak(self):
        return super().speak() + " (tiny)"

pets = [Animal("Generic"), Dog("Rex", "lab"), Puppy("Bit", "pug")]
for pet in pets:
    print(type(pet).__name__, "|", pet.speak(), "|", pet.kind())
p = pets[2]
print(p.breed, isinstance(p, Animal), isinstance(p, Dog), isinstance(pets[0], Dog))
print(Dog.__name__, Puppy.sound, Animal.sound, pets[1].kind is not None)

class Base:
    def __init__(self):
        self.log = ["Base"]
class Child(Base):
    def __init__(self):
        super().__init__()
        self.log.append("Child")
class NoInit(Child):
    pass

print(NoInit().log)

class Shape:
    def area(self):
        raise RuntimeError("subclasses must implement area")

class Square(Shape):
    def __init__(self, side):
        self.side = side
    def area(self):
        return self.side ** 2

print(Square(3).area())
try:
    Shape().area()
except RuntimeError as e:
    print(type(e).__name__, e, isinstance(e, RuntimeError))
