def mean(values):
    assert len(values) > 0, "mean() of an empty list"
    return sum(values) / len(values)

print(mean([1, 2, 3, 4]))
print(mean([2.5]))
batches = [[1, 2], [], [3]]
for batch in batches:
    print("batch mean", mean(batch))
