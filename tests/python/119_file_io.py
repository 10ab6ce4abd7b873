import os

os.makedirs("pics", exist_ok=True)
path = os.path.join("pics", "notes.txt")
with open(path, "w", encoding="utf-8") as f:
    count = f.write("первая строка\n")
    f.write("second line\n")
print("write returned", count)
with open(path, "a", encoding="utf-8") as f:
    print("appended with print", 3, file=f)
with open(path, encoding="utf-8") as f:
    print(repr(f.read()))
with open(path, encoding="utf-8") as f:
    print(f.readline().rstrip("\n"), "|", f.readlines())
with open(path, "r", encoding="utf-8") as f:
    for number, line in enumerate(f, 1):
        print(number, line.strip())
data = bytes(range(0, 256, 17))
with open(os.path.join("pics", "blob.bin"), "wb") as f:
    f.write(data)
with open(os.path.join("pics", "blob.bin"), "rb") as f:
    back = f.read()
print(back == data, len(back), back[:4])
print(os.path.exists(path), os.path.basename(path))
print(os.path.exists(os.path.join("pics", "missing.txt")))
f = open(path, encoding="utf-8")
print(f.closed, f.read(6))
f.close()
print(f.closed)
