import os
import threading

print("cpu_count() >= 1:", os.cpu_count() >= 1)
pid = os.getpid()
print("getpid is a positive int:", isinstance(pid, int) and pid > 0)
seen = {}
t = threading.Thread(target=lambda: seen.setdefault("pid", os.getpid()))
t.start()
t.join()
print("threads share the process id:", seen["pid"] == pid, os.getpid() == pid)
print(os.path.join("pics", "cat.jpg"), os.path.join("a", "b", "c.txt"), os.path.join("/srv", "x"))
print(os.path.join("dir/", "file"), os.path.join("ignored", "/absolute"))
print(os.path.basename("pics/cat.jpg"), repr(os.path.basename("pics/")), os.path.basename("plain"))
url = "https://images.freeimages.com/images/large-previews/4cb/paw-1394447.jpg"
print(os.path.basename(url), url.split("/")[6])
print("exists before:", os.path.exists("pics"), os.path.exists(os.path.join("pics", "sub")))
os.makedirs(os.path.join("pics", "sub"), exist_ok=True)
os.makedirs("pics", exist_ok=True)
print("exists after:", os.path.exists("pics"), os.path.exists(os.path.join("pics", "sub")))
os.makedirs(os.path.join("pics", "a", "b", "c"), exist_ok=True)
print("nested dirs made in one call:", os.path.exists(os.path.join("pics", "a", "b", "c")))
print("main.py is here:", os.path.exists("main.py"), os.path.exists("missing.txt"))
