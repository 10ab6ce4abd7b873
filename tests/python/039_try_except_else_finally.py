def attempt(x):
    try:
        print("  try", x)
        result = 10 / x
    except ZeroDivisionError as e:
        print("  except:", e)
        return "error"
    else:
        print("  else: no exception")
        return result
    finally:
        print("  finally always runs")

print(attempt(4))
print(attempt(0))

def finally_overrides():
    try:
        return "from try"
    finally:
        print("  finally before the return value leaves")

print(finally_overrides())

for value in ["12", "x", None, [1]]:
    try:
        number = int(value)
    except ValueError:
        print(repr(value), "-> ValueError")
    except TypeError as e:
        print(repr(value), "-> TypeError:", e)
    else:
        print(repr(value), "->", number)

def reraise():
    try:
        {}["missing"]
    except KeyError:
        print("  logging and re-raising")
        raise

try:
    reraise()
except Exception as e:
    print("caught as Exception:", type(e).__name__, e)

try:
    pass
finally:
    print("try/finally without except")
