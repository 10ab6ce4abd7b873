def parse(values):
    total = 0
    for v in values:
        try:
            total += int(v)
        except ValueError:
            print("bad value", repr(v), "- logging it")
            log_bad_value(v)
    return total

def log_bad_value(v):
    return LOG[v]

LOG = {}
print(parse(["1", "2"]))
print(parse(["3", "x"]))
