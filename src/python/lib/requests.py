# requests, as much of it as the lesson uses: get(url, timeout) → Response. The GET
# goes through the run's network (_potoki.fetch): in the page, the broker on the
# page's thread, with its limits; this thread blocks until the body is in.
import _potoki


class RequestException(OSError):
    pass


class HTTPError(RequestException):
    pass


class ConnectionError(RequestException):
    pass


class Timeout(RequestException):
    pass


class ReadTimeout(Timeout):
    pass


class TooLarge(RequestException):
    pass


class Response:
    def __init__(self, url, status_code, reason, content_type, content):
        self.url = url
        self.status_code = status_code
        self.reason = reason
        self.content = content
        self.headers = {} if content_type is None else {"Content-Type": content_type}
        self.ok = status_code < 400

    @property
    def text(self):
        return self.content.decode("utf-8", "replace")

    def raise_for_status(self):
        if 400 <= self.status_code < 500:
            raise HTTPError(f"{self.status_code} Client Error: {self.reason} for url: {self.url}")
        if 500 <= self.status_code < 600:
            raise HTTPError(f"{self.status_code} Server Error: {self.reason} for url: {self.url}")

    def __repr__(self):
        return f"<Response [{self.status_code}]>"


def get(url, params=None, timeout=None, **kwargs):
    status, reason, content_type, content = _fetch(str(url))
    return Response(str(url), status, reason, content_type, content)


def _fetch(url):
    result = _potoki.fetch(url)
    if result[0] is None:
        kind, message = result[1], result[2]
        if kind == "timeout":
            raise ReadTimeout(message)
        if kind == "content":
            raise TooLarge(message)
        raise ConnectionError(message)
    return result
