# os, for the run: its in-memory file system (_os) and the process's questions.
import _os
import posixpath as path

name = "posix"
sep = "/"
linesep = "\n"
environ = {}
cpu_count = _os.cpu_count
getpid = _os.getpid
getcwd = _os.getcwd
listdir = _os.listdir
remove = _os.remove
unlink = _os.remove


def getenv(key, default=None):
    return environ.get(key, default)


def makedirs(name, mode=0o777, exist_ok=False):
    _os.makedirs(name, exist_ok)


def mkdir(path, mode=0o777):
    _os.mkdir(path)
