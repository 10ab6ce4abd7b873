def leaves(tree):
    # A recursive generator: every level is a frame in the traceback.
    if isinstance(tree, list):
        for branch in tree:
            yield from leaves(branch)
    elif isinstance(tree, int):
        yield tree
    else:
        raise TypeError(f"not a tree: {tree!r}")

deep = 0
for _ in range(500):
    deep = [deep]
print("a deep tree:", list(leaves(deep)))
print("leaves:", list(leaves([1, [2, [3, 4]], [[5]]])))

def total(tree):
    s = 0
    for leaf in leaves(tree):
        s += leaf
        print("running total", s)
    return s

total([1, [2, ["three", 4]]])
