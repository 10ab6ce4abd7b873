class AppError(Exception):
    pass

class NotFound(AppError):
    def __init__(self, what, where="db"):
        super().__init__(f"{what} not found in {where}")
        self.what = what
        self.where = where

class RateLimited(AppError):
    def __init__(self, seconds):
        self.seconds = seconds

    def __str__(self):
        return f"retry in {self.seconds} s"

def fetch(key):
    if key == "missing":
        raise NotFound(key)
    if key == "busy":
        raise RateLimited(3)
    if key == "bad":
        raise AppError("generic", 42)
    return key.upper()

for key in ["ok", "missing", "busy", "bad"]:
    try:
        print("fetched", fetch(key))
    except NotFound as e:
        print("NotFound:", e, "|", e.what, e.where, "|", e.args)
    except AppError as e:
        print(type(e).__name__ + ":", e, "|", e.args, "|", repr(e))
print(isinstance(NotFound("x"), AppError), isinstance(NotFound("x"), Exception))
print(repr(NotFound("x", "cache")), str(RateLimited(1)))

class ValidationError(ValueError):
    pass

try:
    raise ValidationError("age must be positive")
except ValueError as e:
    print("caught as ValueError:", type(e).__name__, e)
