name, price, count = "кофе", 3.14159, 1234567
print(f"[{name:>8}] [{name:<8}] [{name:^8}] [{name:_^9}]")
print(f"{price:.2f} {price:08.3f} {price:10.4f}| {-price:08.3f} {price:+.1f}")
print(f"{count:,} {count:_} {count:>12,} {1234.5678:,.2f} {-9876543:,}")
print(f"{255:x} {255:X} {255:#x} {255:08b} {8:o} {65535:#X}")
print(f"{0.256:%} {0.256:.1%} {1:.0%} {0.5:>8.2%}")
print(f"{42:5d}| {42:<5d}| {42:05d} {-42:05d} {42:^7d}|")
print(f"{name!r} {name!s} {[1, 'a']!r} {'x'!r:>6}")
width, prec = 10, 3
print(f"[{price:{width}.{prec}f}] [{name:>{width}}]")
print(f"{1e16:.2e} {0.000123:.2e} {123456789:e} {0.1:g} {1e-7:g} {1e16:g}")
print(f"{3:.2f} {7 / 2:.0f} {2.5:.0f} {-0.001:.2f} {1e22:.1f}")
print(f"{'{'}braces{'}'} {{literal}} {'nested ' + name}")
print(f"{len(name) * 2} {name.upper()} {price * 2:.3f} {[i * i for i in range(4)]}")
rows = [("Alice", 93.5), ("Bob", 7.25), ("Eve", 100)]
for who, score in rows:
    print(f"{who:<6}|{score:>7.2f}|{score / 100:>7.1%}")
print(f"{True} {None} {True:>6} {3.0} {3.0:g} {10 ** 20:,}")
print(f"{12:x>4} {12:x<4} {'s':*>3}")
