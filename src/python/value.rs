//! Python's values. Immutable ones are shared as they are (`Arc`); mutable ones
//! (list, dict) carry a lock of their own, so that real threads may share them, as
//! free-threaded CPython's objects do.

use super::code::Code;
use num_bigint::BigInt;
use std::fmt;
use std::sync::{Arc, Mutex, MutexGuard};

/// A Python object.
#[derive(Clone)]
pub enum Value {
    None,
    Bool(bool),
    /// An int that fits a machine word: the fast path of every loop counter.
    Int(i64),
    /// An int that does not.
    BigInt(Arc<BigInt>),
    Float(f64),
    Str(Arc<str>),
    Bytes(Arc<[u8]>),
    List(Arc<List>),
    Tuple(Arc<[Value]>),
    Dict(Arc<Dict>),
    /// A set: a dict of its items to `None`.
    Set(Arc<Dict>),
    Range(Range),
    /// A range past 64 bits.
    BigRange(Arc<super::range::BigRange>),
    Function(Arc<Function>),
    Builtin(Builtin),
    /// A builtin method bound to its object: `items.append`.
    Method(Arc<(Value, Builtin)>),
    /// A class: a builtin type (`int`, `ValueError`) or one the program made.
    Class(Arc<Class>),
    /// An object of a class the program made.
    Instance(Arc<Instance>),
    /// A Python function bound to its object: `account.deposit`.
    BoundMethod(Arc<(Value, Value)>),
    /// `super()`: the class to look above, and the object.
    Super(Arc<(Arc<Class>, Value)>),
    Exception(Arc<Exception>),
    /// An iterator over a list, a tuple, a str, a range, a dict's keys…
    Iterator(Arc<Mutex<Iter>>),
    Slice(Arc<[Value; 3]>),
    /// A cell of a closure (never seen by the program itself).
    Cell(Arc<Mutex<Value>>),
    /// `_thread.allocate_lock()`.
    Lock(Arc<super::thread::Lock>),
    /// `@property`: its getter and its setter (`None` until `@x.setter` gives one).
    Property(Arc<(Value, Value)>),
    /// A generator or a coroutine: a suspended frame.
    Generator(Arc<super::generator::Generator>),
    /// An imported module: its name and its globals.
    Module(Arc<Module>),
    /// An object of a type written in Rust that needs no variant of its own
    /// (`_random.Random`).
    Native(Arc<dyn NativeObject>),
}

/// A type written in Rust: its name and methods (which find the object as their
/// first argument and downcast it).
pub trait NativeObject: std::any::Any + Send + Sync {
    fn type_name(&self) -> &'static str;
    fn methods(&self) -> &'static [(&'static str, super::builtins::NativeFn)];
    /// Its items, if it is iterable (made whole: the types here are small views).
    fn items(&self) -> Option<Vec<Value>> {
        None
    }
    /// `len(x)`, if it has one.
    fn length(&self) -> Option<usize> {
        None
    }
    /// Whether the item of this key is in it, when it can tell at once.
    fn contains_key(&self, _key: &Key) -> Option<bool> {
        None
    }
    /// `repr(x)` given the repr of each item; `None`: `<type object at …>`.
    fn repr(&self, _items: &[String]) -> Option<String> {
        None
    }
}

/// A module: what `import` binds.
pub struct Module {
    pub name: Arc<str>,
    pub dict: Arc<Dict>,
}

impl fmt::Debug for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "<{}>", self.type_name())
    }
}

/// Locks `m`, carrying on after a panic elsewhere (the data is whole).
pub fn locked<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

#[derive(Default)]
pub struct List {
    pub items: Mutex<Vec<Value>>,
}

impl List {
    #[allow(clippy::new_ret_no_self)] // a list is made to be a value
    pub fn new(items: Vec<Value>) -> Value {
        Value::List(Arc::new(List {
            items: Mutex::new(items),
        }))
    }
}

/// A dict: insertion order, looked up by hash. Keys are the hashable values.
#[derive(Default)]
pub struct Dict {
    pub entries: Mutex<DictEntries>,
    /// A module's globals: the version of its keys, read without the lock
    /// (`builtin_cache.rs`).
    pub keys: std::sync::OnceLock<Arc<super::builtin_cache::KeysVersion>>,
}

pub use super::entries::{both_entries, DictEntries, FastHash};

/// What a hashable value is equal by: `1`, `1.0` and `True` are the same key.
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub enum Key {
    None,
    Int(BigIntKey),
    /// A float that is not an integer, by its bits.
    Float(u64),
    Str(Arc<str>),
    Bytes(Arc<[u8]>),
    Tuple(Vec<Key>),
    /// Objects hashed by identity.
    Id(usize),
}

/// An integer key: small ones without allocation.
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub enum BigIntKey {
    Small(i64),
    Big(BigInt),
}

impl Dict {
    pub fn new_value(entries: DictEntries) -> Value {
        Value::Dict(Arc::new(Dict {
            entries: Mutex::new(entries),
            keys: Default::default(),
        }))
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Range {
    pub start: i64,
    pub stop: i64,
    pub step: i64,
}

impl Range {
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn len(&self) -> i64 {
        let (start, stop, step) = (
            i128::from(self.start),
            i128::from(self.stop),
            i128::from(self.step),
        );
        let n = if step > 0 && start < stop {
            (stop - start + step - 1) / step
        } else if step < 0 && start > stop {
            (start - stop - step - 1) / -step
        } else {
            0
        };
        i64::try_from(n).unwrap_or(i64::MAX)
    }
}

/// A function the program defined: its code, defaults and closure.
pub struct Function {
    pub code: Arc<Code>,
    pub globals: Arc<Dict>,
    pub defaults: Vec<Value>,
    pub kw_defaults: Vec<(Arc<str>, Value)>,
    pub closure: Vec<Value>,
    /// The class whose body defined it, for `super()` (weak: the class holds it).
    pub owner: std::sync::OnceLock<std::sync::Weak<Class>>,
}

/// A function written in Rust.
#[derive(Clone, Copy)]
pub struct Builtin {
    pub name: &'static str,
    pub call: super::builtins::NativeFn,
}

/// A class. Builtin types have no Python body; their methods are native.
pub struct Class {
    pub name: Arc<str>,
    pub base: Option<Arc<Class>>,
    /// What its body defined: methods and class attributes.
    pub attrs: Mutex<DictEntries>,
    /// It or a base defined a `@property`: setting an attribute of its objects looks
    /// in the class first (a property's setter runs, or refuses). Other classes' sets
    /// go straight to the object.
    pub properties: bool,
}

impl Class {
    pub fn builtin(name: &str, base: Option<Arc<Class>>) -> Class {
        Class {
            name: Arc::from(name),
            base,
            attrs: Mutex::new(DictEntries::default()),
            properties: false,
        }
    }

    /// `name` in this class or the nearest base that has it.
    pub fn lookup(self: &Arc<Self>, name: &str) -> Option<Value> {
        self.lookup_key(&Key::Str(Arc::from(name)))
    }

    /// `lookup` by a key made already.
    pub fn lookup_key(&self, key: &Key) -> Option<Value> {
        let mut at = Some(self);
        while let Some(class) = at {
            if let Some(value) = locked(&class.attrs).get(key) {
                return Some(value.clone());
            }
            at = class.base.as_deref();
        }
        None
    }
}

/// An object of a class the program made: its attributes.
pub struct Instance {
    pub class: Arc<Class>,
    pub attrs: Mutex<DictEntries>,
    /// A `threading.local`'s attributes, each thread's own (then `attrs` is unused).
    pub per_thread: Option<Box<super::local::PerThread>>,
}

impl Class {
    /// Whether `self` is `other` or derives from it. Walked by reference: a clone
    /// of a builtin class would write its count, which every thread shares.
    pub fn is_subclass(self: &Arc<Self>, other: &Arc<Class>) -> bool {
        let mut at = Some(self);
        while let Some(class) = at {
            if Arc::ptr_eq(class, other) {
                return true;
            }
            at = class.base.as_ref();
        }
        false
    }
}

/// An exception object: its class and its arguments, and where it passed.
pub struct Exception {
    pub class: Arc<Class>,
    pub args: Mutex<Vec<Value>>,
    /// Attributes a subclass's `__init__` set.
    pub attrs: Mutex<DictEntries>,
    /// `raise … from cause`.
    pub cause: Mutex<Option<Value>>,
    /// The exception being handled when this one was raised.
    pub context: Mutex<Option<Value>>,
    /// Where it passed, innermost last: (code, line).
    pub traceback: Mutex<Vec<(Arc<Code>, u32)>>,
}

/// The state of an iterator.
pub enum Iter {
    Seq {
        items: Value,
        at: usize,
    },
    Range {
        next: i64,
        left: i64,
        step: i64,
    },
    Values {
        items: Vec<Value>,
        at: usize,
    },
    /// `map`, `filter`, `zip`, `enumerate`: they call or pull as they go.
    Lazy(super::lazy::Lazy),
}

impl Value {
    pub fn str(text: &str) -> Value {
        Value::Str(Arc::from(text))
    }

    pub fn tuple(items: Vec<Value>) -> Value {
        Value::Tuple(Arc::from(items))
    }

    /// Python's name of the value's type, as error messages give it.
    pub fn type_name(&self) -> &str {
        match self {
            Value::None => "NoneType",
            Value::Bool(_) => "bool",
            Value::Int(_) | Value::BigInt(_) => "int",
            Value::Float(_) => "float",
            Value::Str(_) => "str",
            Value::Bytes(_) => "bytes",
            Value::List(_) => "list",
            Value::Tuple(_) => "tuple",
            Value::Dict(_) => "dict",
            Value::Set(_) => "set",
            Value::Range(_) | Value::BigRange(_) => "range",
            Value::Function(_) => "function",
            Value::Builtin(_) => "builtin_function_or_method",
            Value::Method(_) => "builtin_function_or_method",
            Value::Class(_) => "type",
            Value::Instance(i) => &i.class.name,
            Value::BoundMethod(_) => "method",
            Value::Super(_) => "super",
            Value::Exception(e) => &e.class.name,
            Value::Iterator(_) => "iterator",
            Value::Slice(_) => "slice",
            Value::Cell(_) => "cell",
            Value::Lock(_) => "lock",
            Value::Property(_) => "property",
            Value::Generator(g) => g.type_name(),
            Value::Module(_) => "module",
            Value::Native(n) => n.type_name(),
        }
    }

    /// Identity, for `is` and for objects hashed by identity.
    pub fn id(&self) -> usize {
        match self {
            Value::List(x) => Arc::as_ptr(x) as *const u8 as usize,
            Value::Dict(x) | Value::Set(x) => Arc::as_ptr(x) as *const u8 as usize,
            Value::Function(x) => Arc::as_ptr(x) as *const u8 as usize,
            Value::Class(x) => Arc::as_ptr(x) as *const u8 as usize,
            Value::Instance(x) => Arc::as_ptr(x) as *const u8 as usize,
            Value::BoundMethod(x) => Arc::as_ptr(x) as *const u8 as usize,
            Value::Super(x) => Arc::as_ptr(x) as *const u8 as usize,
            Value::Exception(x) => Arc::as_ptr(x) as *const u8 as usize,
            Value::Iterator(x) => Arc::as_ptr(x) as *const u8 as usize,
            Value::Tuple(x) => x.as_ptr() as usize,
            Value::Str(x) => x.as_ptr() as usize,
            Value::Bytes(x) => x.as_ptr() as usize,
            Value::Method(x) => Arc::as_ptr(x) as *const u8 as usize,
            Value::Cell(x) => Arc::as_ptr(x) as *const u8 as usize,
            Value::Lock(x) => Arc::as_ptr(x) as *const u8 as usize,
            Value::Property(x) => Arc::as_ptr(x) as *const u8 as usize,
            Value::Generator(x) => Arc::as_ptr(x) as *const u8 as usize,
            Value::Module(x) => Arc::as_ptr(x) as *const u8 as usize,
            Value::Native(x) => Arc::as_ptr(x) as *const u8 as usize,
            Value::BigInt(x) => Arc::as_ptr(x) as *const u8 as usize,
            Value::Slice(x) => Arc::as_ptr(x) as *const u8 as usize,
            Value::BigRange(x) => Arc::as_ptr(x) as *const u8 as usize,
            Value::Builtin(b) => b.call as usize,
            // Values without a heap object: equal values are the same object.
            Value::None => 1,
            Value::Bool(b) => 2 + usize::from(*b),
            Value::Int(i) => *i as usize,
            Value::Float(f) => f.to_bits() as usize,
            Value::Range(r) => r.start as usize ^ r.stop as usize,
        }
    }
}
