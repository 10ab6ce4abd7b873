import threading

class Downloader(threading.Thread):
    def __init__(self, url):
        super().__init__()
        self.url = url

    def run(self):
        print("downloading", self.url)
        if not self.url.startswith("https://"):
            raise ValueError(f"unsupported url: {self.url}")
        print("done", self.url)

class Named(threading.Thread):
    def run(self):
        raise RuntimeError("named thread failed")

for url in ["https://example.com/a.jpg", "ftp://example.com/b.jpg"]:
    t = Downloader(url)
    t.start()
    t.join()
n = Named(name="worker-7")
n.start()
n.join()
print("both failures were reported on stderr; exit status stays 0")
