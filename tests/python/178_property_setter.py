# @property with a setter: the setter checks the value, a property without one
# refuses the assignment, and a subclass inherits both.
class Temperature:
    def __init__(self, celsius):
        self.celsius = celsius

    @property
    def celsius(self):
        return self._celsius

    @celsius.setter
    def celsius(self, value):
        if value < -273.15:
            raise ValueError(f"{value} is below absolute zero")
        self._celsius = value

    @property
    def fahrenheit(self):
        return self.celsius * 9 / 5 + 32


class Room(Temperature):
    def __init__(self, name, celsius):
        super().__init__(celsius)
        self.name = name


t = Temperature(20)
print(t.celsius, t.fahrenheit)
t.celsius = 25
print(t.celsius, t.fahrenheit)
try:
    t.celsius = -300
except ValueError as e:
    print("ValueError:", e)
try:
    t.fahrenheit = 0
except AttributeError as e:
    print("AttributeError:", e)
r = Room("kitchen", 5)
r.celsius = 7
print(r.name, r.celsius, r._celsius, r.fahrenheit)
print(type(Temperature.celsius).__name__)
r.celsius = -274
