b = b"hello"
print(b, type(b).__name__, len(b), b[0], b[-1], b[1:3], b[::-1])
print(list(b"AB"), bytes([72, 105]), bytes(3), b"\x00\xff\n")
print(b + b" world", b * 2, b"ell" in b, b.upper(), b.replace(b"l", b"L"))
text = "Привет, мир"
data = text.encode("utf-8")
print(data, len(data), len(text))
print(data.decode("utf-8"), data.decode("utf-8") == text)
print(b"a,b,c".split(b","), b" pad ".strip(), b"-".join([b"x", b"y"]))
print(b"abc" == b"abc", b"abc" < b"abd", b"abc" == "abc")
print(b"\xde\xad\xbe\xef".hex(), bytes.fromhex("cafe"), b"abc".startswith(b"ab"))
print(repr(b"it's"), b'"q"', b"\t\r", b"abc".find(b"c"), b"aaa".count(b"a"))
for byte in b"Hi!":
    print(byte, end=" ")
print()
try:
    b"\xff".decode("utf-8")
except ValueError as e:
    print("bad utf-8 is a ValueError:", isinstance(e, ValueError))
try:
    b[0] = 1
except TypeError as e:
    print("TypeError:", e)
