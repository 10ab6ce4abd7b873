class ConfigError(Exception):
    pass

def parse_port(text):
    try:
        return int(text)
    except ValueError as e:
        raise ConfigError(f"bad port {text!r}") from e

try:
    parse_port("80a")
except ConfigError as e:
    print("error:", e)
    print("cause:", repr(e.__cause__))
    print("context is cause:", e.__context__ is e.__cause__)
    print("suppress_context:", e.__suppress_context__)

def hide():
    try:
        {}["k"]
    except KeyError:
        raise RuntimeError("clean message") from None

try:
    hide()
except RuntimeError as e:
    print(repr(e), e.__cause__, repr(e.__context__), e.__suppress_context__)

def implicit():
    try:
        1 / 0
    except ZeroDivisionError:
        raise ValueError("while handling")

try:
    implicit()
except ValueError as e:
    print(repr(e), "cause:", e.__cause__, "context:", repr(e.__context__))

err = TypeError("direct")
try:
    raise err
except TypeError as caught:
    print(caught is err, caught.args, str(caught))
try:
    raise ValueError
except ValueError as e:
    print(repr(e), repr(str(e)), e.args)
try:
    raise KeyError("a", 1)
except KeyError as e:
    print(e, e.args)
