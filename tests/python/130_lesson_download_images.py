# The lesson's real example without the network: `requests` is a stand-in whose
# get() sleeps the image's latency; download_one_image is the lesson's own.
# Latencies are 0.1 s apart, so the threads print in a fixed order.
import concurrent.futures
import os
import time

images = [
    "https://images.freeimages.com/images/large-previews/4cb/paw-1394447.jpg",
    "https://images.freeimages.com/images/large-previews/c64/my-beloved-mountains-2-1375135.jpg",
    "https://images.freeimages.com/images/large-previews/277/doggy-1382866.jpg",
    "https://images.freeimages.com/images/large-previews/20c/my-puppy-maggie-1362787.jpg",
    "https://images.freeimages.com/images/large-previews/773/koldalen-4-1384902.jpg",
    "https://images.freeimages.com/images/large-previews/487/barcalona-airport-arrival-1240880.jpg",
    "https://images.freeimages.com/images/large-previews/4ad/snare-drum-second-take-1-1564542.jpg",
    "https://images.freeimages.com/images/large-previews/ed5/the-black-swan-1367551.jpg",
    "https://images.freeimages.com/images/large-previews/977/beach-1364350.jpg",
    "https://images.freeimages.com/images/large-previews/322/indian-heads-1391201.jpg",
    "https://images.freeimages.com/images/large-previews/335/vale-da-lua-2-1401161.jpg",
    "https://images.freeimages.com/images/large-previews/b10/can-t-look-over-1312680.jpg"
]
latency = dict(zip(images, [0.3, 0.2, 0.0, 0.9, 0.7, 0.5, 0.1, 0.4, 0.8, 0.6, 1.0, 1.1]))

class Response:
    def __init__(self, content):
        self.content = content

class FakeRequests:
    def get(self, url):
        time.sleep(latency[url])
        return Response(("fake jpeg from " + url).encode("utf-8") * 20)

requests = FakeRequests()

def took(seconds, expected):
    # A busy machine only ever adds delays: print the expected time when the
    # real one is less than 0.5 s above it, else the real one (a failure).
    return expected if expected <= seconds < expected + 0.5 else round(seconds, 2)

def download_one_image(image_url):
    img_name = image_url.split('/')[6]
    r = requests.get(image_url)
    with open(f"./pics/{img_name}", "wb") as i:
        i.write(r.content)
    print(f"{img_name} was downloaded")

os.makedirs("pics", exist_ok=True)
start = time.perf_counter()
for img in images:
    download_one_image(img)
finish = time.perf_counter()
print(f"it took: {took(finish-start, 6.6)} sec.")

start = time.perf_counter()
with concurrent.futures.ThreadPoolExecutor(max_workers=12) as executor:  # the default
    executor.map(download_one_image, images)                  # depends on os.cpu_count()
finish = time.perf_counter()
print(f"it took: {took(finish-start, 1.1)} sec.")
with open("./pics/paw-1394447.jpg", "rb") as f:
    print(len(f.read()), all(os.path.exists("./pics/" + u.split('/')[6]) for u in images))
