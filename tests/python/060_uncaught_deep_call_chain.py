def ratio(a, b):
    return a / b

def average_speed(distance, hours):
    print(f"average_speed({distance}, {hours})")
    return ratio(distance, hours)

def report(trips):
    for distance, hours in trips:
        speed = average_speed(distance, hours)
        print(f"  {speed:.1f} km/h")

def main():
    report([(120, 2), (90, 1.5), (10, 0)])

print("start")
main()
print("never printed")
