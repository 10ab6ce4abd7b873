counter = 0
message = "global"

def bump():
    global counter
    counter += 1
    return counter

def shadow():
    message = "local"
    return message

print(bump(), bump(), counter)
print(shadow(), message)

def set_config(value):
    global config
    config = value

set_config({"debug": True})
print(config)

def outer():
    level = 1

    def inner():
        nonlocal level
        level += 1
        return level

    inner()
    inner()
    return level

print(outer())

def broken():
    try:
        print(counter_local)
    except NameError as e:
        print("NameError:", e)
    counter_local = 1
    return counter_local

print(broken())

def read_before_assign():
    try:
        total = counter + 1
        counter = total
    except UnboundLocalError as e:
        print("is NameError:", isinstance(e, NameError))

read_before_assign()
