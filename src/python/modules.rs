//! The modules a program may import. Each is a dict of its names; `threading`,
//! `concurrent.futures`, `queue`, `asyncio`, `requests` and `time.sleep` come with the
//! runtime (the next steps); what is here needs nothing of it.

use super::args::arg;
use super::builtins::{module, NativeFn};
use super::ops::{big, float, int};
use super::value::{locked, Value};
use super::vm::{PyResult, Vm};
use std::sync::Arc;

/// The module `name` (for `import a.b`, the top package), or `None` if there is none.
/// A module is made once per run and shared by every thread.
pub fn load(vm: &mut Vm, name: &str) -> PyResult<Option<Value>> {
    let top = name.split('.').next().unwrap_or(name);
    if let Some(module) = locked(&vm.interp.modules).get(top).cloned() {
        return Ok(Some(module));
    }
    let module = match top {
        "math" => math(),
        "sys" => sys(vm)?,
        "_thread" => super::local::add_to_thread_module(vm, super::thread::thread_module()),
        "_potoki" => super::events::potoki_module(),
        "time" => super::thread::time_module(),
        "_os" => super::files::native_module(),
        "_random" => super::random::native_module(),
        "_futures" => super::futures::native_module(),
        "concurrent" => {
            let futures = python_module(vm, "concurrent/futures")?;
            module(
                &[],
                vec![("futures", as_module("concurrent.futures", futures))],
            )
        }
        // `concurrent/futures` is only ever `concurrent.futures` (above).
        other if !other.contains('/') && library_text(other).is_some() => python_module(vm, other)?,
        _ => return Ok(None),
    };
    let module = as_module(top, module);
    locked(&vm.interp.modules).insert(top.to_owned(), module.clone());
    Ok(Some(module))
}

/// A module's names (a dict) as the module `name`.
fn as_module(name: &str, names: Value) -> Value {
    match names {
        Value::Dict(dict) => Value::Module(Arc::new(super::value::Module {
            name: Arc::from(name),
            dict,
        })),
        other => other,
    }
}

/// The modules written in Python (`lib/`), by name.
const LIBRARY: &[(&str, &str)] = &[
    ("threading", include_str!("lib/threading.py")),
    ("queue", include_str!("lib/queue.py")),
    ("asyncio", include_str!("lib/asyncio.py")),
    ("requests", include_str!("lib/requests.py")),
    ("aiohttp", include_str!("lib/aiohttp.py")),
    ("random", include_str!("lib/random.py")),
    ("os", include_str!("lib/os.py")),
    ("posixpath", include_str!("lib/posixpath.py")),
    ("io", include_str!("lib/io.py")),
    ("concurrent/futures", include_str!("lib/futures.py")),
    ("_consume", include_str!("lib/consume.py")),
];

fn library_text(name: &str) -> Option<(&'static str, &'static str)> {
    LIBRARY.iter().find(|(n, _)| *n == name).copied()
}

/// The library modules compiled so far, by name: compiled once for the page, not
/// once per run (a listing's `import concurrent.futures` compiles four modules:
/// 35–50 ms before its first line). The page has them compiled by one worker of the
/// pool before the pool says it is ready ([`precompile_library`]).
static COMPILED: std::sync::Mutex<Vec<(&'static str, Arc<super::code::Code>)>> =
    std::sync::Mutex::new(Vec::new());

/// Compiles every library module not compiled yet: a page's first run then starts
/// as fast as the next. The page calls it on a worker while the pool starts.
pub fn precompile_library() {
    for &(name, text) in LIBRARY {
        if compiled(name).is_none() {
            if let Ok(code) = compile_library(name, text) {
                keep_compiled(name, code);
            }
        }
    }
}

fn compiled(name: &str) -> Option<Arc<super::code::Code>> {
    // Threads of a run import at once: the lock is a blocking one, taken by a run's
    // threads and a worker only (never by the page's own thread).
    locked(&COMPILED)
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, code)| code.clone())
}

/// Keeps `code` as the module's, unless another thread compiled it at the same
/// time: the first one kept is everyone's.
fn keep_compiled(name: &'static str, code: Arc<super::code::Code>) -> Arc<super::code::Code> {
    let mut compiled = locked(&COMPILED);
    if let Some((_, first)) = compiled.iter().find(|(n, _)| *n == name) {
        return first.clone();
    }
    compiled.push((name, code.clone()));
    code
}

/// `text` compiled as the library module `name`; a syntax error's line and message.
fn compile_library(name: &str, text: &str) -> Result<Arc<super::code::Code>, (usize, String)> {
    let file = format!("<stdlib>/{name}.py");
    let module = super::parse::parse(text).map_err(|e| (e.line, e.message))?;
    let lines = super::parse::LineIndex::new(text);
    super::compile::compile_module(&module, &lines, super::code::Source::new(&file, text))
        .map_err(|e| (e.line, e.message))
}

/// The code of the library module `name`, compiled on first use.
fn library_code(vm: &Vm, name: &str) -> PyResult<Arc<super::code::Code>> {
    let Some((name, text)) = library_text(name) else {
        return Err(vm.error("ModuleNotFoundError", format!("No module named '{name}'")));
    };
    if let Some(code) = compiled(name) {
        return Ok(code);
    }
    let code = compile_library(name, text).map_err(|(line, message)| {
        vm.error(
            "SyntaxError",
            format!("<stdlib>/{name}.py, line {line}: {message}"),
        )
    })?;
    Ok(keep_compiled(name, code))
}

/// A module written in Python (`lib/`), run once for this program; its globals are
/// the module.
fn python_module(vm: &mut Vm, name: &str) -> PyResult<Value> {
    let code = library_code(vm, name)?;
    let globals = Arc::new(super::value::Dict::default());
    let module_name = name.replace('/', ".");
    locked(&globals.entries).insert(
        super::value::Key::Str(Arc::from("__name__")),
        Value::str("__name__"),
        Value::str(&module_name),
    );
    vm.run_module(code, globals.clone())?;
    Ok(Value::Dict(globals))
}

fn number(vm: &Vm, value: &Value) -> PyResult<f64> {
    float(value).ok_or_else(|| {
        vm.error(
            "TypeError",
            format!("must be real number, not {}", value.type_name()),
        )
    })
}

/// A one-argument float function; `domain`: positive arguments only.
fn unary(vm: &Vm, a: &[Value], f: fn(f64) -> f64, positive: bool) -> PyResult<Value> {
    let x = number(vm, &arg(a, 0))?;
    if positive && x <= 0.0 {
        return Err(vm.error("ValueError", "math domain error"));
    }
    let y = f(x);
    if y.is_infinite() && x.is_finite() {
        return Err(vm.error("OverflowError", "math range error"));
    }
    Ok(Value::Float(y))
}

fn math() -> Value {
    const FUNCTIONS: &[(&str, NativeFn)] = &[
        ("sqrt", |vm, a, _| {
            let x = number(vm, &arg(&a, 0))?;
            if x < 0.0 {
                return Err(vm.error("ValueError", "math domain error"));
            }
            Ok(Value::Float(x.sqrt()))
        }),
        ("floor", |vm, a, _| match arg(&a, 0) {
            v @ (Value::Int(_) | Value::BigInt(_) | Value::Bool(_)) => {
                Ok(int(big(&v).unwrap_or_default()))
            }
            v => Ok(int(num_bigint::BigInt::from(
                number(vm, &v)?.floor() as i128
            ))),
        }),
        ("ceil", |vm, a, _| match arg(&a, 0) {
            v @ (Value::Int(_) | Value::BigInt(_) | Value::Bool(_)) => {
                Ok(int(big(&v).unwrap_or_default()))
            }
            v => Ok(int(
                num_bigint::BigInt::from(number(vm, &v)?.ceil() as i128),
            )),
        }),
        ("log", |vm, a, _| {
            let x = number(vm, &arg(&a, 0))?;
            let base = match a.get(1) {
                Some(b) => Some(number(vm, b)?),
                None => None,
            };
            if x <= 0.0 || base.is_some_and(|b| b <= 0.0) {
                return Err(vm.error("ValueError", "math domain error"));
            }
            match base {
                Some(1.0) => Err(vm.error("ZeroDivisionError", "float division by zero")),
                Some(b) => Ok(Value::Float(x.ln() / b.ln())),
                None => Ok(Value::Float(x.ln())),
            }
        }),
        ("log2", |vm, a, _| unary(vm, &a, f64::log2, true)),
        ("log10", |vm, a, _| unary(vm, &a, f64::log10, true)),
        ("exp", |vm, a, _| unary(vm, &a, f64::exp, false)),
        ("sin", |vm, a, _| unary(vm, &a, f64::sin, false)),
        ("cos", |vm, a, _| unary(vm, &a, f64::cos, false)),
        ("tan", |vm, a, _| unary(vm, &a, f64::tan, false)),
        ("atan", |vm, a, _| unary(vm, &a, f64::atan, false)),
        ("fabs", |vm, a, _| unary(vm, &a, f64::abs, false)),
        ("degrees", |vm, a, _| unary(vm, &a, f64::to_degrees, false)),
        ("radians", |vm, a, _| unary(vm, &a, f64::to_radians, false)),
        ("atan2", |vm, a, _| {
            let (y, x) = (number(vm, &arg(&a, 0))?, number(vm, &arg(&a, 1))?);
            Ok(Value::Float(y.atan2(x)))
        }),
        ("hypot", |vm, a, _| {
            let mut total = 0.0f64;
            for v in &a {
                total = total.hypot(number(vm, v)?);
            }
            Ok(Value::Float(total))
        }),
        ("pow", |vm, a, _| {
            let (x, y) = (number(vm, &arg(&a, 0))?, number(vm, &arg(&a, 1))?);
            Ok(Value::Float(x.powf(y)))
        }),
        ("isfinite", |vm, a, _| {
            Ok(Value::Bool(number(vm, &arg(&a, 0))?.is_finite()))
        }),
        ("isinf", |vm, a, _| {
            Ok(Value::Bool(number(vm, &arg(&a, 0))?.is_infinite()))
        }),
        ("isnan", |vm, a, _| {
            Ok(Value::Bool(number(vm, &arg(&a, 0))?.is_nan()))
        }),
        ("gcd", |vm, a, _| {
            let mut g = num_bigint::BigInt::from(0);
            for v in &a {
                let Some(n) = big(v) else {
                    return Err(vm.not_an_integer(v));
                };
                g = num_integer::Integer::gcd(&g, &n);
            }
            Ok(int(g))
        }),
        ("isqrt", |vm, a, _| match big(&arg(&a, 0)) {
            Some(n) if n >= num_bigint::BigInt::from(0) => Ok(int(n.sqrt())),
            Some(_) => Err(vm.error("ValueError", "isqrt() argument must be nonnegative")),
            None => Err(vm.error(
                "TypeError",
                "'float' object cannot be interpreted as an integer",
            )),
        }),
    ];
    module(
        FUNCTIONS,
        vec![
            ("pi", Value::Float(std::f64::consts::PI)),
            ("e", Value::Float(std::f64::consts::E)),
            ("inf", Value::Float(f64::INFINITY)),
            ("nan", Value::Float(f64::NAN)),
            ("tau", Value::Float(std::f64::consts::TAU)),
        ],
    )
}

fn sys(vm: &mut Vm) -> PyResult<Value> {
    const FUNCTIONS: &[(&str, NativeFn)] = &[
        ("getrecursionlimit", |vm, _, _| {
            Ok(Value::Int(vm.interp.recursion_limit as i64))
        }),
        ("getswitchinterval", |vm, _, _| {
            let interval = match (&vm.interp.gil, &vm.interp.turns) {
                (Some(gil), _) => gil.interval().as_secs_f64(),
                (None, Some(turns)) => turns.interval_ms() / 1000.0,
                (None, None) => 0.005,
            };
            Ok(Value::Float(interval))
        }),
        ("setswitchinterval", |vm, a, _| {
            let secs = a.first().and_then(float).filter(|s| *s > 0.0);
            let Some(secs) = secs else {
                return Err(vm.error("ValueError", "switch interval must be strictly positive"));
            };
            if let Some(gil) = &vm.interp.gil {
                gil.set_interval(std::time::Duration::from_secs_f64(secs));
            }
            if let Some(turns) = &vm.interp.turns {
                turns.set_interval_ms(secs * 1000.0);
            }
            Ok(Value::None)
        }),
        ("_is_gil_enabled", |vm, _, _| {
            // Simulated threads take turns, one at a time, as with the GIL.
            Ok(Value::Bool(vm.interp.gil.is_some() || vm.parks()))
        }),
    ];
    let io = vm.import("io")?;
    let stdout = vm.get_attr(&io, "stdout")?;
    let stderr = vm.get_attr(&io, "stderr")?;
    Ok(module(
        FUNCTIONS,
        vec![
            ("stdout", stdout),
            ("stderr", stderr),
            ("argv", super::value::List::new(vec![Value::str("main.py")])),
            ("maxsize", Value::Int(i64::MAX)),
            ("platform", Value::str("linux")),
        ],
    ))
}
