# aiohttp, as much of it as the lesson's async download uses: a ClientSession whose
# get() is entered with `async with` (or awaited), and a response whose body is
# read(). The GET goes through the run's network as requests.get's does. A helper
# thread waits for it (no task of the record, no lane), so the event loop runs the
# other coroutines meanwhile, as aiohttp's sockets let it; the download is the
# task's that asked for it.
import _potoki
import asyncio


class ClientError(Exception):
    pass


class ClientConnectionError(ClientError):
    pass


class ClientPayloadError(ClientError):
    pass


# aiohttp's is a ClientConnectionError too; one base class is what the interpreter
# has, and TimeoutError is the one a program catches around a slow GET.
class ServerTimeoutError(asyncio.TimeoutError):
    pass


class ClientResponseError(ClientError):
    def __init__(self, request_info, history, *, status=None, message="", headers=None):
        super().__init__(f"{status}, message={message!r}, url={request_info!r}")
        self.request_info = request_info
        self.status = status
        self.message = message
        self.headers = headers


class ClientResponse:
    def __init__(self, url, status, reason, content_type, body):
        self.url = url
        self.status = status
        self.reason = reason
        self.content_type = content_type or "application/octet-stream"
        self.headers = {} if content_type is None else {"Content-Type": content_type}
        self.ok = status < 400
        self._body = body

    async def read(self):
        return self._body

    async def text(self, encoding="utf-8"):
        return self._body.decode(encoding, "replace")

    def raise_for_status(self):
        if self.status >= 400:
            raise ClientResponseError(self.url, (), status=self.status, message=self.reason)

    def release(self):
        pass

    def close(self):
        pass

    async def __aenter__(self):
        return self

    async def __aexit__(self, exc_type, exc, tb):
        return None

    def __repr__(self):
        return f"<ClientResponse({self.url}) [{self.status} {self.reason}]>"


def _fetch(url, task):
    result = _potoki.fetch(url, task)
    if result[0] is None:
        kind, message = result[1], result[2]
        if kind == "timeout":
            raise ServerTimeoutError(message)
        if kind == "content":
            raise ClientPayloadError(message)
        raise ClientConnectionError(message)
    return result


async def _get(url):
    loop = asyncio.get_running_loop()
    current = asyncio.current_task()
    task = None if current is None else current._task
    status, reason, content_type, body = await loop._on_thread(_fetch, (url, task), False)
    return ClientResponse(url, status, reason, content_type, body)


class _RequestContext:
    # What session.get() returns: awaited, the response; entered, the response too.
    def __init__(self, coro):
        self._coro = coro
        self._response = None

    def __await__(self):
        return self._coro.__await__()

    async def __aenter__(self):
        self._response = await self._coro
        return self._response

    async def __aexit__(self, exc_type, exc, tb):
        self._response.release()
        return None


class ClientSession:
    def __init__(self, *args, **kwargs):
        self.closed = False

    def get(self, url, **kwargs):
        if self.closed:
            raise RuntimeError("Session is closed")
        return _RequestContext(_get(str(url)))

    async def close(self):
        self.closed = True

    async def __aenter__(self):
        return self

    async def __aexit__(self, exc_type, exc, tb):
        await self.close()
        return None
