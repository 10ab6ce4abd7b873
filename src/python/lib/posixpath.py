# posixpath (what os.path is), as CPython's Lib/posixpath.py: pure string work on
# "/"-separated paths, and the questions about files asked of the run's in-memory
# file system (_os).
import _os

sep = "/"
curdir = "."
pardir = ".."


def join(a, *p):
    path = a
    for b in p:
        if b.startswith("/"):
            path = b
        elif not path or path.endswith("/"):
            path += b
        else:
            path += "/" + b
    return path


def split(p):
    i = p.rfind("/") + 1
    head, tail = p[:i], p[i:]
    if head and head != "/" * len(head):
        head = head.rstrip("/")
    return head, tail


def basename(p):
    return p[p.rfind("/") + 1:]


def dirname(p):
    return split(p)[0]


def splitext(p):
    sep_index = p.rfind("/")
    dot_index = p.rfind(".")
    if dot_index > sep_index:
        name_index = sep_index + 1
        while name_index < dot_index:
            if p[name_index] != ".":
                return p[:dot_index], p[dot_index:]
            name_index += 1
    return p, ""


def isabs(p):
    return p.startswith("/")


def normpath(path):
    if path == "":
        return "."
    initial = 1 if path.startswith("/") else 0
    if initial and path.startswith("//") and not path.startswith("///"):
        initial = 2
    parts = []
    for part in path.split("/"):
        if part in ("", "."):
            continue
        if part != ".." or (not initial and not parts) or (parts and parts[-1] == ".."):
            parts.append(part)
        elif parts:
            parts.pop()
    path = "/".join(parts)
    if initial:
        path = "/" * initial + path
    return path or "."


def abspath(path):
    return _os.abspath(path)


def exists(path):
    return _os.exists(path)


def isdir(path):
    return _os.isdir(path)


def isfile(path):
    return _os.isfile(path)
