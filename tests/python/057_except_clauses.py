def risky(n):
    if n == 0:
        raise ValueError("zero")
    if n == 1:
        raise TypeError("one")
    if n == 2:
        raise KeyError("two")
    return n

for n in range(4):
    try:
        print("result", risky(n))
    except (ValueError, TypeError) as e:
        print("value or type:", type(e).__name__, e)
    except Exception as e:
        print("other:", type(e).__name__, e)

def first_match():
    try:
        raise IndexError("idx")
    except Exception:
        return "Exception clause first"
    except IndexError:
        return "never"

print(first_match())
try:
    try:
        raise ValueError("inner")
    except TypeError:
        print("wrong handler")
    finally:
        print("inner finally")
except ValueError as e:
    print("outer caught", e)
e = "before"
try:
    raise ValueError("bound")
except ValueError as e:
    print("inside:", e)
try:
    print(e)
except NameError as err:
    print("NameError:", err)

def count_finally():
    log = []
    for i in range(3):
        try:
            if i == 1:
                continue
            log.append(f"body{i}")
        finally:
            log.append(f"finally{i}")
    return log

print(count_finally())
