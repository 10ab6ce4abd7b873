//! A name a function loads is found in its module's globals first, then in the
//! builtins. Builtins are cached per code while the globals' keys stay the same
//! (`src/python/builtin_cache.rs`): every way of shadowing a builtin, or of
//! removing the shadow, must be seen at once, with the GIL and without.

#![allow(clippy::unwrap_used, clippy::panic)] // a test stops loudly

use potoki::python::{run_with, Options};

/// The program's output, run with the GIL and free-threaded (the same both ways).
fn output(source: &str) -> String {
    let mut outputs = [true, false].map(|gil| {
        let output = run_with(
            source,
            Options {
                gil,
                ..Options::default()
            },
        );
        assert!(
            output.error.is_none(),
            "gil: {gil}\n{}{}",
            output.stdout,
            output.stderr
        );
        output.stdout
    });
    assert_eq!(outputs[0], outputs[1], "with and without the GIL");
    std::mem::take(&mut outputs[0])
}

#[test]
fn a_module_assignment_shadows_a_builtin_a_function_already_loaded() {
    let source = "\
def f(x):
    return len(x)
print(f('abc'), f('abc'))
len = lambda x: 42
print(f('abc'))
del len
print(f('abc'))
len = lambda x: -1
print(f('abc'))
";
    assert_eq!(output(source), "3 3\n42\n3\n-1\n");
}

#[test]
fn module_level_code_sees_its_own_shadowing_in_a_loop() {
    let source = "\
out = []
for i in range(5):
    out.append(len('abc'))
    if i == 1:
        len = lambda s: 0
    if i == 2:
        del len
    if i == 3:
        int = str
print(out, int(7) == '7')
";
    assert_eq!(output(source), "[3, 3, 0, 3, 3] True\n");
}

#[test]
fn a_global_statement_shadows_and_unshadows() {
    let source = "\
def f():
    return abs(-5)
def shadow():
    global abs
    abs = lambda x: 'shadowed'
def unshadow():
    global abs
    del abs
print(f())
shadow()
print(f())
unshadow()
print(f())
";
    assert_eq!(output(source), "5\nshadowed\n5\n");
}

#[test]
fn shadowing_among_many_globals_is_seen() {
    // Past eight keys the globals find their keys through a hash table.
    let mut source = String::new();
    for i in 0..40 {
        source.push_str(&format!("g{i} = {i}\n"));
    }
    source.push_str(
        "\
def f():
    return max(g1, g39), sum([g2, g3])
print(f())
max = min
print(f())
sum = len
print(f())
del max, sum
print(f())
",
    );
    assert_eq!(output(&source), "(39, 5)\n(1, 5)\n(1, 2)\n(39, 5)\n");
}

#[test]
fn a_class_body_finds_its_own_names_before_globals_and_builtins() {
    let source = "\
def show():
    return len
class C:
    print(len('ab'))
    len = 7
    print(len)
    print([len for _ in range(1)] == [show()])
print('ok')
len = lambda x: 'global'
class D:
    print(len('x'))
    len = 1
    print(len)
";
    assert_eq!(output(source), "2\n7\nTrue\nok\nglobal\n1\n");
}

#[test]
fn a_name_missing_then_defined_then_deleted() {
    let source = "\
def k():
    return nope
for _ in range(2):
    try:
        k()
    except NameError as e:
        print(e)
nope = 3
print(k(), k())
del nope
try:
    k()
except NameError as e:
    print(e)
try:
    del nope
except NameError as e:
    print(e)
";
    assert_eq!(
        output(source),
        "name 'nope' is not defined\nname 'nope' is not defined\n3 3\n\
         name 'nope' is not defined\nname 'nope' is not defined\n"
    );
}

#[test]
fn another_thread_sees_a_shadow_set_before_it_started() {
    let source = "\
import threading
def f(out):
    out.append(len('abcd'))
out = []
t = threading.Thread(target=f, args=(out,))
t.start(); t.join()
len = lambda s: 'shadowed'
t = threading.Thread(target=f, args=(out,))
t.start(); t.join()
del len
t = threading.Thread(target=f, args=(out,))
t.start(); t.join()
print(out)
";
    assert_eq!(output(source), "[4, 'shadowed', 4]\n");
}

/// `random.choice` calls `len` in the module `random`: a `len` set there, and only
/// there, shadows it, as in CPython. One test, not two: the library's code (and so
/// its cache) is shared by the runs of every test running at once.
#[test]
fn an_attribute_set_on_a_module_shadows_its_functions_builtin() {
    let source = "\
import random
print(random.choice([5, 5, 5]))
random.len = lambda seq: 1
print([random.choice([7, 8, 9]) for _ in range(20)] == [7] * 20, len('ab'))
del random.len
print(random.choice([6, 6]))
setattr(random, 'len', lambda seq: 1)
print(random.choice([1, 2, 3, 4, 5, 6, 7, 8, 9, 10] * 10))
delattr(random, 'len')
print(sorted(set(random.choice([1, 2]) for _ in range(200))))
";
    assert_eq!(output(source), "5\nTrue 2\n6\n1\n[1, 2]\n");
    // The library is compiled once for every run: its cache must not take one
    // run's globals for another's, though both gained as many keys.
    let plain = "\
import random
random.a = 1
random.b = 2
print(sorted(set(random.choice([1, 2]) for _ in range(200))))
";
    let shadowed = "\
import random
random.len = lambda seq: 1
random.b = 2
print(sorted(set(random.choice([1, 2]) for _ in range(200))))
";
    for _ in 0..3 {
        assert_eq!(output(plain), "[1, 2]\n");
        assert_eq!(output(shadowed), "[1]\n");
    }
}
