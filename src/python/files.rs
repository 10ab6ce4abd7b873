//! The run's file system: in memory, shared by every thread of the run, holding
//! `main.py` in the current directory at the start. The native module `_os` is
//! its interface; `lib/io.py` (`open`, the file objects, `sys.stdout`),
//! `lib/os.py` and `lib/posixpath.py` are written on it.

use super::builtins::{module, NativeFn};
use super::exceptions::new_exception;
use super::value::{locked, Key, Value};
use super::vm::{PyResult, Vm};
use std::collections::{BTreeMap, HashSet};
use std::sync::{Arc, Mutex};

/// The current directory: where `main.py` is.
pub const CWD: &str = "/home/student";

enum Node {
    Dir,
    File(Vec<u8>),
}

/// Files a run's record lists at most: a program writing in a loop would otherwise
/// hand the page thousands of them.
pub const MAX_FILES_SHOWN: usize = 100;

/// Every file and directory, by absolute normalized path.
pub struct Files {
    nodes: Mutex<BTreeMap<String, Node>>,
    /// The files written, in the order first written (what the page lists), and
    /// the same as a set.
    written: Mutex<(Vec<String>, HashSet<String>)>,
}

impl Files {
    /// `/`, the directories down to the current one, `/tmp`, and `main.py`.
    pub fn new(main: &str) -> Files {
        let mut nodes = BTreeMap::new();
        for dir in ["/", "/home", CWD, "/tmp"] {
            nodes.insert(dir.to_owned(), Node::Dir);
        }
        nodes.insert(
            format!("{CWD}/main.py"),
            Node::File(main.as_bytes().to_vec()),
        );
        Files {
            nodes: Mutex::new(nodes),
            written: Mutex::new((Vec::new(), HashSet::new())),
        }
    }

    /// Makes the directory `name` in the current one, before the program runs.
    pub fn make_dir(&self, name: &str) {
        locked(&self.nodes).insert(format!("{CWD}/{name}"), Node::Dir);
    }

    /// The files the program wrote that are still there, as it left them, named
    /// from the current directory (`pics/paw.jpg`) where they are under it; the
    /// first [`MAX_FILES_SHOWN`] of them.
    pub fn written(&self) -> Vec<(String, Arc<[u8]>)> {
        let nodes = locked(&self.nodes);
        let written = locked(&self.written);
        written
            .0
            .iter()
            .filter_map(|path| match nodes.get(path) {
                Some(Node::File(data)) => {
                    let shown = path
                        .strip_prefix(CWD)
                        .and_then(|rest| rest.strip_prefix('/'))
                        .unwrap_or(path);
                    Some((shown.to_owned(), Arc::from(data.as_slice())))
                }
                _ => None,
            })
            .take(MAX_FILES_SHOWN)
            .collect()
    }

    /// Notes that `path` (absolute) was written; call with the nodes locked.
    fn note_written(&self, path: &str) {
        let (order, seen) = &mut *locked(&self.written);
        if seen.insert(path.to_owned()) {
            order.push(path.to_owned());
        }
    }
}

/// `path` made absolute (from the current directory) without `.`, `..` and
/// doubled slashes.
pub fn absolute(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    let full = if path.starts_with('/') {
        path.to_owned()
    } else {
        format!("{CWD}/{path}")
    };
    for part in full.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            part => parts.push(part),
        }
    }
    format!("/{}", parts.join("/"))
}

fn parent(path: &str) -> &str {
    match path.rfind('/') {
        Some(0) | None => "/",
        Some(at) => &path[..at],
    }
}

/// An `OSError` subclass as CPython makes it: `[Errno 2] No such file or
/// directory: 'x'`, with `errno`, `strerror` and `filename`.
fn os_error(vm: &Vm, class: &str, errno: i64, strerror: &str, filename: &str) -> Value {
    let exc = new_exception(
        vm.classes().get(class),
        vec![Value::Int(errno), Value::str(strerror)],
    );
    if let Value::Exception(e) = &exc {
        let mut attrs = locked(&e.attrs);
        for (name, value) in [
            ("errno", Value::Int(errno)),
            ("strerror", Value::str(strerror)),
            ("filename", Value::str(filename)),
        ] {
            attrs.insert(Key::Str(Arc::from(name)), Value::str(name), value);
        }
    }
    exc
}

fn not_a_directory(vm: &Vm, path: &str) -> Value {
    os_error(vm, "NotADirectoryError", 20, "Not a directory", path)
}

fn not_found(vm: &Vm, path: &str) -> Value {
    os_error(
        vm,
        "FileNotFoundError",
        2,
        "No such file or directory",
        path,
    )
}

fn path_arg(vm: &Vm, a: &[Value], i: usize) -> PyResult<String> {
    match a.get(i) {
        Some(Value::Str(s)) => Ok(s.to_string()),
        other => Err(vm.error(
            "TypeError",
            format!(
                "expected str, bytes or os.PathLike object, not {}",
                other.map_or("NoneType", Value::type_name)
            ),
        )),
    }
}

fn files(vm: &Vm) -> std::sync::MutexGuard<'_, BTreeMap<String, Node>> {
    locked(&vm.interp.files.nodes)
}

/// `_os.read(path)`: the file's bytes.
fn read(vm: &mut Vm, a: Vec<Value>, _: Vec<(Arc<str>, Value)>) -> PyResult<Value> {
    let path = path_arg(vm, &a, 0)?;
    let nodes = files(vm);
    match nodes.get(&absolute(&path)) {
        Some(Node::File(data)) => Ok(super::bytes::new(data.clone())),
        Some(Node::Dir) => Err(os_error(
            vm,
            "IsADirectoryError",
            21,
            "Is a directory",
            &path,
        )),
        None => Err(not_found(vm, &path)),
    }
}

/// `_os.write(path, data, append)`: makes the file (its directory must be there),
/// empties it unless appending, and adds `data`.
fn write(vm: &mut Vm, a: Vec<Value>, _: Vec<(Arc<str>, Value)>) -> PyResult<Value> {
    let path = path_arg(vm, &a, 0)?;
    let data = match a.get(1) {
        Some(Value::Bytes(b)) => b.clone(),
        _ => Arc::from(Vec::new()),
    };
    let append = a.get(2).is_some_and(|v| vm.truthy(v));
    let full = absolute(&path);
    let mut nodes = files(vm);
    if !matches!(nodes.get(parent(&full)), Some(Node::Dir)) {
        drop(nodes);
        return Err(not_found(vm, &path));
    }
    match nodes.get_mut(&full) {
        Some(Node::Dir) => {
            drop(nodes);
            Err(os_error(
                vm,
                "IsADirectoryError",
                21,
                "Is a directory",
                &path,
            ))
        }
        Some(Node::File(existing)) => {
            if !append {
                existing.clear();
            }
            existing.extend_from_slice(&data);
            vm.interp.files.note_written(&full);
            Ok(Value::None)
        }
        None => {
            vm.interp.files.note_written(&full);
            nodes.insert(full, Node::File(data.to_vec()));
            Ok(Value::None)
        }
    }
}

fn kind(vm: &Vm, a: &[Value]) -> PyResult<Option<bool>> {
    let path = path_arg(vm, a, 0)?;
    Ok(files(vm)
        .get(&absolute(&path))
        .map(|node| matches!(node, Node::Dir)))
}

/// `os.makedirs(path, exist_ok=False)` and `os.mkdir(path)` (`parents` false).
fn make_dirs(vm: &Vm, path: &str, exist_ok: bool, parents: bool) -> PyResult<Value> {
    let full = absolute(path);
    let mut nodes = files(vm);
    if nodes.contains_key(&full) {
        if exist_ok && matches!(nodes.get(&full), Some(Node::Dir)) {
            return Ok(Value::None);
        }
        drop(nodes);
        return Err(os_error(vm, "FileExistsError", 17, "File exists", path));
    }
    let mut at = String::new();
    for part in full.split('/').filter(|p| !p.is_empty()) {
        at.push('/');
        at.push_str(part);
        match nodes.get(&at) {
            Some(Node::Dir) => {}
            Some(Node::File(_)) => {
                drop(nodes);
                return Err(not_a_directory(vm, path));
            }
            None if parents || at == full => {
                nodes.insert(at.clone(), Node::Dir);
            }
            None => {
                drop(nodes);
                return Err(not_found(vm, path));
            }
        }
    }
    Ok(Value::None)
}

const FUNCTIONS: &[(&str, NativeFn)] = &[
    ("read", read),
    ("write", write),
    ("exists", |vm, a, _| {
        Ok(Value::Bool(kind(vm, &a)?.is_some()))
    }),
    ("isdir", |vm, a, _| {
        Ok(Value::Bool(kind(vm, &a)? == Some(true)))
    }),
    ("isfile", |vm, a, _| {
        Ok(Value::Bool(kind(vm, &a)? == Some(false)))
    }),
    ("makedirs", |vm, a, kw| {
        let path = path_arg(vm, &a, 0)?;
        let exist_ok =
            super::str_methods::param(&a, &kw, 1, "exist_ok").is_some_and(|v| vm.truthy(&v));
        make_dirs(vm, &path, exist_ok, true)
    }),
    ("mkdir", |vm, a, _| {
        let path = path_arg(vm, &a, 0)?;
        make_dirs(vm, &path, false, false)
    }),
    ("listdir", |vm, a, _| {
        let path = match a.first() {
            None | Some(Value::None) => ".".to_owned(),
            _ => path_arg(vm, &a, 0)?,
        };
        let full = absolute(&path);
        let nodes = files(vm);
        match nodes.get(&full) {
            Some(Node::Dir) => {}
            Some(Node::File(_)) => {
                drop(nodes);
                return Err(not_a_directory(vm, &path));
            }
            None => {
                drop(nodes);
                return Err(not_found(vm, &path));
            }
        }
        let prefix = if full == "/" {
            full.clone()
        } else {
            format!("{full}/")
        };
        let names: Vec<Value> = nodes
            .range(prefix.clone()..)
            .take_while(|(k, _)| k.starts_with(&prefix))
            .filter(|(k, _)| k.len() > prefix.len() && !k[prefix.len()..].contains('/'))
            .map(|(k, _)| Value::str(&k[prefix.len()..]))
            .collect();
        Ok(super::value::List::new(names))
    }),
    ("remove", |vm, a, _| {
        let path = path_arg(vm, &a, 0)?;
        let mut nodes = files(vm);
        let full = absolute(&path);
        match nodes.get(&full) {
            Some(Node::File(_)) => {
                nodes.remove(&full);
                Ok(Value::None)
            }
            Some(Node::Dir) => {
                drop(nodes);
                Err(os_error(
                    vm,
                    "IsADirectoryError",
                    21,
                    "Is a directory",
                    &path,
                ))
            }
            None => {
                drop(nodes);
                Err(not_found(vm, &path))
            }
        }
    }),
    ("getcwd", |_, _, _| Ok(Value::str(CWD))),
    ("abspath", |vm, a, _| {
        Ok(Value::str(&absolute(&path_arg(vm, &a, 0)?)))
    }),
    // The machine's real cores: the page's `navigator.hardwareConcurrency`.
    ("cpu_count", |vm, _, _| {
        Ok(Value::Int(vm.interp.program.cores() as i64))
    }),
    // One process: every thread of the run sees the same id.
    ("getpid", |_, _, _| Ok(Value::Int(4242))),
    // `sys.stdout.write` and `sys.stderr.write`: the run's output.
    ("out", |vm, a, _| {
        let text = match a.first() {
            Some(Value::Str(s)) => s.clone(),
            _ => Arc::from(""),
        };
        let to_stderr = a.get(1).is_some_and(|v| vm.truthy(v));
        (vm.interp.out)(&text, to_stderr);
        Ok(Value::None)
    }),
];

/// The native module `_os`.
pub fn native_module() -> Value {
    module(FUNCTIONS, Vec::new())
}
