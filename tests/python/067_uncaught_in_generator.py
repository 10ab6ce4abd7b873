def read_records(lines):
    for number, line in enumerate(lines, 1):
        name, age = line.split(",")
        yield name.strip(), int(age)

data = ["Ann, 31", "Bob, 27", "Eve, old", "Kim, 40"]
for name, age in read_records(data):
    print(f"{name} is {age}")
