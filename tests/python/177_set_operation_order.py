# The order of a set made by merging another: CPython's set_merge sizes the result's
# table once for both, so its order is not that of the same items added one by one. A
# literal of more than two constants is such a merge in 3.11 (a frozenset constant and
# SET_UPDATE). Not yet matched here: src/python/set_order.rs replays the items one by one.
print({100, 2, 50, 1, 75})
print({100, 2, 50} | {1, 75})
print({1, 2, 3, 100, 200} - {2})
print({8, 16, 24} & {24, 16, 8, 0})
