//! The built-in exception hierarchy, the builtin types as classes, and CPython's
//! traceback text.

use super::code::Code;
use super::value::{locked, Class, Exception, FastHash, Value};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// Every built-in class by name: the exceptions and the types.
pub struct Classes {
    /// Looked up on every call of a class (is it built in, an exception, a
    /// `threading.local`?): the fast hasher, not SipHash.
    by_name: HashMap<&'static str, Arc<Class>, FastHash>,
}

/// (name, base) in an order where every base comes first.
const EXCEPTIONS: &[(&str, &str)] = &[
    ("BaseException", ""),
    ("Exception", "BaseException"),
    ("KeyboardInterrupt", "BaseException"),
    ("SystemExit", "BaseException"),
    ("GeneratorExit", "BaseException"),
    ("ArithmeticError", "Exception"),
    ("ZeroDivisionError", "ArithmeticError"),
    ("OverflowError", "ArithmeticError"),
    ("AssertionError", "Exception"),
    ("AttributeError", "Exception"),
    ("LookupError", "Exception"),
    ("IndexError", "LookupError"),
    ("KeyError", "LookupError"),
    ("NameError", "Exception"),
    ("UnboundLocalError", "NameError"),
    ("RuntimeError", "Exception"),
    ("RecursionError", "RuntimeError"),
    ("NotImplementedError", "RuntimeError"),
    ("TypeError", "Exception"),
    ("ValueError", "Exception"),
    ("UnicodeError", "ValueError"),
    ("UnicodeDecodeError", "UnicodeError"),
    ("UnicodeEncodeError", "UnicodeError"),
    ("StopIteration", "Exception"),
    ("StopAsyncIteration", "Exception"),
    ("MemoryError", "Exception"),
    ("OSError", "Exception"),
    ("TimeoutError", "OSError"),
    ("FileNotFoundError", "OSError"),
    ("FileExistsError", "OSError"),
    ("IsADirectoryError", "OSError"),
    ("NotADirectoryError", "OSError"),
    ("PermissionError", "OSError"),
    ("ImportError", "Exception"),
    ("ModuleNotFoundError", "ImportError"),
];

/// The builtin types, as `type(x)` and `isinstance` see them.
const TYPES: &[(&str, &str)] = &[
    ("object", ""),
    ("int", "object"),
    ("bool", "int"),
    ("float", "object"),
    ("str", "object"),
    ("bytes", "object"),
    ("list", "object"),
    ("tuple", "object"),
    ("dict", "object"),
    ("set", "object"),
    ("range", "object"),
    ("NoneType", "object"),
    ("function", "object"),
    ("builtin_function_or_method", "object"),
    ("type", "object"),
    ("slice", "object"),
    ("iterator", "object"),
    ("generator", "object"),
    ("coroutine", "object"),
    ("async_generator", "object"),
    ("_local", "object"),
    ("module", "object"),
];

impl Classes {
    pub fn new() -> Classes {
        let mut by_name: HashMap<&'static str, Arc<Class>, FastHash> = HashMap::default();
        for &(name, base) in TYPES.iter().chain(EXCEPTIONS) {
            let base = by_name.get(base).cloned();
            by_name.insert(name, Arc::new(Class::builtin(name, base)));
        }
        Classes { by_name }
    }

    /// A builtin class; `object` for a name that is not one (never happens).
    pub fn get(&self, name: &str) -> Arc<Class> {
        match self.by_name.get(name) {
            Some(class) => class.clone(),
            None => Arc::new(Class::builtin(name, None)),
        }
    }

    /// The builtin class `name`, borrowed: no count written (see `is_subclass`).
    pub fn named(&self, name: &str) -> Option<&Arc<Class>> {
        self.by_name.get(name)
    }

    pub fn all(&self) -> impl Iterator<Item = (&'static str, &Arc<Class>)> {
        self.by_name.iter().map(|(name, class)| (*name, class))
    }

    /// Whether `class` is one of the builtin classes (not one the program made).
    pub fn is_builtin(&self, class: &Arc<Class>) -> bool {
        self.by_name
            .get(&*class.name)
            .is_some_and(|c| Arc::ptr_eq(c, class))
    }

    /// Whether `class` is an exception class.
    pub fn is_exception(&self, class: &Arc<Class>) -> bool {
        self.by_name
            .get("BaseException")
            .is_some_and(|base| class.is_subclass(base))
    }

    /// The class of a value.
    pub fn of(&self, value: &Value) -> Arc<Class> {
        match value {
            Value::Exception(e) => e.class.clone(),
            Value::Instance(i) => i.class.clone(),
            other => self.get(other.type_name()),
        }
    }

    /// A new exception of class `name` with one message argument.
    pub fn error(&self, name: &str, message: impl Into<String>) -> Value {
        new_exception(self.get(name), vec![Value::str(&message.into())])
    }
}

impl Default for Classes {
    fn default() -> Self {
        Self::new()
    }
}

pub fn new_exception(class: Arc<Class>, args: Vec<Value>) -> Value {
    Value::Exception(Arc::new(Exception {
        class,
        args: Mutex::new(args),
        attrs: Mutex::new(super::value::DictEntries::default()),
        cause: Mutex::new(None),
        context: Mutex::new(None),
        traceback: Mutex::new(Vec::new()),
    }))
}

/// The line of `main.py` an exception was raised at: the innermost entry of its
/// traceback in the program's own file.
pub fn main_line(exc: &Value) -> Option<usize> {
    let Value::Exception(e) = exc else {
        return None;
    };
    let traceback = locked(&e.traceback);
    traceback
        .iter()
        .rev()
        .find(|(code, _)| &*code.source.file == "main.py")
        .map(|(_, line)| *line as usize)
}

/// Adds a frame at the outer end of an exception's traceback.
pub fn add_traceback(exc: &Value, code: &Arc<Code>, line: u32) {
    if let Value::Exception(e) = exc {
        locked(&e.traceback).insert(0, (code.clone(), line));
    }
}

fn is_os_error(class: &Arc<Class>) -> bool {
    let mut at = Some(class.clone());
    while let Some(c) = at {
        if &*c.name == "OSError" {
            return true;
        }
        at = c.base.clone();
    }
    false
}

/// `str(exc)`: nothing, the one argument, or the arguments' tuple.
pub fn message(
    e: &Exception,
    str_of: &dyn Fn(&Value) -> String,
    repr_of: &dyn Fn(&Value) -> String,
) -> String {
    let args = locked(&e.args).clone();
    match args.as_slice() {
        [] => String::new(),
        // OSError(errno, strerror), with the file it was about: `[Errno 2] No such
        // file or directory: 'x'`.
        [Value::Int(errno), strerror] if is_os_error(&e.class) => {
            let filename = locked(&e.attrs)
                .get(&super::value::Key::Str(Arc::from("filename")))
                .cloned();
            match filename {
                Some(Value::None) | None => format!("[Errno {errno}] {}", str_of(strerror)),
                Some(name) => format!("[Errno {errno}] {}: {}", str_of(strerror), repr_of(&name)),
            }
        }
        // KeyError shows the key as it was written: KeyError: 'x'.
        [one] if &*e.class.name == "KeyError" => repr_of(one),
        [one] => str_of(one),
        many => repr_of(&Value::tuple(many.to_vec())),
    }
}

/// CPython's text for an uncaught exception: the chain of causes and contexts
/// first, each with its traceback, then the exception itself.
pub fn format_traceback(
    exc: &Value,
    str_of: &dyn Fn(&Value) -> String,
    repr_of: &dyn Fn(&Value) -> String,
) -> String {
    let mut out = String::new();
    let Value::Exception(e) = exc else {
        return out;
    };
    let cause = locked(&e.cause).clone();
    let context = locked(&e.context).clone();
    if let Some(Value::None) = &cause {
        // `raise … from None`: neither cause nor context is shown.
    } else if let Some(cause) = &cause {
        out.push_str(&format_traceback(cause, str_of, repr_of));
        out.push_str("\nThe above exception was the direct cause of the following exception:\n\n");
    } else if let Some(context) = &context {
        out.push_str(&format_traceback(context, str_of, repr_of));
        out.push_str("\nDuring handling of the above exception, another exception occurred:\n\n");
    }
    let traceback = locked(&e.traceback).clone();
    if !traceback.is_empty() {
        out.push_str("Traceback (most recent call last):\n");
        for (code, line) in &traceback {
            // CPython's `io` is written in C: its frames never show.
            if &*code.source.file == "<stdlib>/io.py" {
                continue;
            }
            let Some((file, shown)) = code.source.shown_at(*line) else {
                continue;
            };
            out.push_str(&format!(
                "  File \"{file}\", line {shown}, in {}\n",
                code.name
            ));
            let text = code.source.line(*line).trim();
            if !text.is_empty() {
                out.push_str(&format!("    {text}\n"));
            }
        }
    }
    let text = message(e, str_of, repr_of);
    if text.is_empty() {
        out.push_str(&format!("{}\n", e.class.name));
    } else {
        out.push_str(&format!("{}: {text}\n", e.class.name));
    }
    out
}
