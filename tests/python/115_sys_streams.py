import sys

count = sys.stdout.write("written with sys.stdout.write\n")
print("write returned", count)
sys.stderr.write("written with sys.stderr.write\n")
print("print to stderr", 42, file=sys.stderr)
print("to stdout explicitly", file=sys.stdout)
sys.stdout.flush()
sys.stderr.flush()
print("flush=True", flush=True)
print("a", "b", sep="\n", file=sys.stderr)
for i in range(3):
    sys.stdout.write(str(i))
sys.stdout.write("\n")
print("stdout is not stderr:", sys.stdout is not sys.stderr)
print(sys.getrecursionlimit(), sys.getswitchinterval())
print("Русский текст в stderr", file=sys.stderr)
print("the end", end="!\n", file=sys.stdout)
