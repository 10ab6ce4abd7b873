# Python reads identifiers in NFKC (PEP 3131): a ligature or a full-width letter is
# the plain name, and non-Latin names are names as they are.
ﬁle = 'the ﬁ ligature'
print(file)
ｗｉｄｅ = 'full-width letters'
print(wide)
поток = 'Cyrillic'
print(поток)
def ｇreet(ｎame):
    return f'hello, {name}'
print(greet('мир'))
class Ｐoint:
    ｘ = 1
print(Point.x, Point.__name__)
