def trigger(kind):
    if kind == "zero":
        return 1 / 0
    if kind == "index":
        return [1, 2, 3][3]
    if kind == "key":
        return {"a": 1}["b"]
    if kind == "value":
        return int("сорок два")
    if kind == "type":
        return 1 + "1"
    if kind == "name":
        return undefined_variable_here
    if kind == "attribute":
        return (5).no_such_attribute_here
    if kind == "tuple_index":
        return ()[0]
    return "no error"

for kind in ["zero", "index", "key", "value", "type", "name", "attribute", "tuple_index", "ok"]:
    try:
        result = trigger(kind)
        print(kind, "->", result)
    except (ZeroDivisionError, IndexError, KeyError) as e:
        print(kind, "->", type(e).__name__, "|", e, "|", repr(e))
    except Exception as e:
        print(kind, "->", type(e).__name__, "|", e, "|", e.args)
print(isinstance(KeyError(), Exception), isinstance(ZeroDivisionError(), Exception))
try:
    "abc".no_method()
except AttributeError as e:
    print("AttributeError:", e)
try:
    None.strip()
except AttributeError as e:
    print("AttributeError:", e)
try:
    len(5)
except TypeError as e:
    print("TypeError:", e)
try:
    [] + ()
except TypeError as e:
    print("TypeError:", e)
try:
    "a" * "b"
except TypeError as e:
    print("TypeError:", e)
try:
    not_callable = 5
    not_callable()
except TypeError as e:
    print("TypeError:", e)
try:
    {}[[1]] = 1
except TypeError as e:
    print("TypeError:", e)
