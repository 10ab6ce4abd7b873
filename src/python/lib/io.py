# io, for the run's in-memory file system (_os): open() and its file objects, and
# the streams sys.stdout and sys.stderr. A file read is read whole when opened; a
# write goes to the file at once.
import _os


class UnsupportedOperation(OSError):
    pass


class _IOBase:
    def _setup(self, name, mode, readable, writable, data):
        self.name = name
        self.mode = mode
        self.closed = False
        self._readable = readable
        self._writable = writable
        self._data = data
        self._pos = 0

    def __enter__(self):
        self._check()
        return self

    def __exit__(self, *exc):
        self.close()

    def __iter__(self):
        self._check()
        return self

    def __next__(self):
        line = self.readline()
        if not line:
            raise StopIteration
        return line

    def _check(self):
        if self.closed:
            raise ValueError("I/O operation on closed file.")

    def close(self):
        self.closed = True

    def flush(self):
        self._check()

    def readable(self):
        self._check()
        return self._readable

    def writable(self):
        self._check()
        return self._writable

    def _check_readable(self):
        self._check()
        if not self._readable:
            raise UnsupportedOperation("not readable")

    def read(self, size=-1):
        self._check_readable()
        data = self._data
        if size is None or size < 0:
            end = len(data)
        else:
            end = min(self._pos + size, len(data))
        chunk = data[self._pos:end]
        self._pos = end
        return chunk

    def readline(self, size=-1):
        self._check_readable()
        data = self._data
        end = data.find(self._newline, self._pos)
        end = len(data) if end < 0 else end + 1
        if size is not None and size >= 0:
            end = min(end, self._pos + size)
        line = data[self._pos:end]
        self._pos = end
        return line

    def readlines(self, hint=-1):
        lines = []
        while True:
            line = self.readline()
            if not line:
                return lines
            lines.append(line)

    def write(self, data):
        self._check()
        if not self._writable:
            raise UnsupportedOperation("not writable")
        _os.write(self.name, self._encode(data), True)
        return len(data)

    def writelines(self, lines):
        for line in lines:
            self.write(line)


class TextIOWrapper(_IOBase):
    _newline = "\n"

    def __init__(self, name, mode, encoding, readable, writable, data):
        self._setup(name, mode, readable, writable, data)
        self.encoding = encoding

    def _encode(self, text):
        if not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        return text.encode(self.encoding)

    def __repr__(self):
        return f"<_io.TextIOWrapper name={self.name!r} mode={self.mode!r} encoding={self.encoding!r}>"


class _Buffered(_IOBase):
    _newline = b"\n"

    def __init__(self, name, mode, readable, writable, data):
        self._setup(name, mode, readable, writable, data)

    def _encode(self, data):
        if not isinstance(data, bytes):
            raise TypeError(f"a bytes-like object is required, not '{type(data).__name__}'")
        return data

    def __repr__(self):
        return f"<_io.{type(self).__name__} name={self.name!r}>"


class BufferedReader(_Buffered):
    pass


class BufferedWriter(_Buffered):
    pass


class BufferedRandom(_Buffered):
    pass


def open(file, mode="r", buffering=-1, encoding=None, errors=None, newline=None):
    if not isinstance(file, str):
        raise TypeError(f"expected str, bytes or os.PathLike object, not {type(file).__name__}")
    if not isinstance(mode, str):
        raise TypeError(f"open() argument 'mode' must be str, not {type(mode).__name__}")
    kinds = 0
    for c in "rwax":
        if c in mode:
            kinds += 1
    if kinds != 1 or len(set(mode)) != len(mode) or set(mode) - set("rwaxbt+") or ("b" in mode and "t" in mode):
        raise ValueError(f"invalid mode: '{mode}'")
    binary = "b" in mode
    if binary and encoding is not None:
        raise ValueError("binary mode doesn't take an encoding argument")
    readable = "r" in mode or "+" in mode
    writable = "r" not in mode or "+" in mode
    if "r" in mode:
        raw = _os.read(file)
    else:
        if "x" in mode and _os.exists(file):
            error = FileExistsError(17, "File exists")
            error.filename = file
            raise error
        _os.write(file, b"", "a" in mode)
        raw = _os.read(file) if readable else b""
    if binary:
        if readable and writable:
            return BufferedRandom(file, mode, True, True, raw)
        if readable:
            return BufferedReader(file, mode, True, False, raw)
        return BufferedWriter(file, mode, False, True, raw)
    encoding = encoding or "UTF-8"
    text = raw.decode(encoding).replace("\r\n", "\n")
    return TextIOWrapper(file, mode, encoding, readable, writable, text)


class _StdStream:
    def __init__(self, name, to_stderr):
        self.name = name
        self.mode = "w"
        self.encoding = "utf-8"
        self.closed = False
        self._to_stderr = to_stderr

    def write(self, text):
        if not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        _os.out(text, self._to_stderr)
        return len(text)

    def writelines(self, lines):
        for line in lines:
            self.write(line)

    def flush(self):
        pass

    def isatty(self):
        return False

    def readable(self):
        return False

    def writable(self):
        return True

    def fileno(self):
        return 2 if self._to_stderr else 1

    def __repr__(self):
        return f"<_io.TextIOWrapper name={self.name!r} mode='w' encoding='utf-8'>"


stdout = _StdStream("<stdout>", False)
stderr = _StdStream("<stderr>", True)
