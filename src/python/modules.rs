//! The modules a program may import. Each is a dict of its names; `threading`,
//! `concurrent.futures`, `queue`, `asyncio`, `requests` and `time.sleep` come with the
//! runtime (the next steps); what is here needs nothing of it.

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
        "sys" => sys(vm),
        "_thread" => super::thread::thread_module(),
        "_potoki" => super::events::potoki_module(),
        "time" => super::thread::time_module(),
        "threading" => python_module(vm, "threading", include_str!("lib/threading.py"))?,
        "queue" => python_module(vm, "queue", include_str!("lib/queue.py"))?,
        "asyncio" => python_module(vm, "asyncio", include_str!("lib/asyncio.py"))?,
        "os" => os(),
        "concurrent" => {
            let futures = python_module(vm, "concurrent/futures", include_str!("lib/futures.py"))?;
            module(&[], vec![("futures", futures)])
        }
        _ => return Ok(None),
    };
    locked(&vm.interp.modules).insert(top.to_owned(), module.clone());
    Ok(Some(module))
}

/// A module written in Python (`lib/`), run once; its globals are the module.
fn python_module(vm: &mut Vm, name: &str, text: &str) -> PyResult<Value> {
    let file = format!("<stdlib>/{name}.py");
    let module = super::parse::parse(text).map_err(|e| {
        vm.error(
            "SyntaxError",
            format!("{file}, line {}: {}", e.line, e.message),
        )
    })?;
    let lines = super::parse::LineIndex::new(text);
    let code =
        super::compile::compile_module(&module, &lines, super::code::Source::new(&file, text))
            .map_err(|e| {
                vm.error(
                    "SyntaxError",
                    format!("{file}, line {}: {}", e.line, e.message),
                )
            })?;
    let globals = Arc::new(super::value::Dict::default());
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

fn arg(args: &[Value], i: usize) -> Value {
    args.get(i).cloned().unwrap_or(Value::None)
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
        ],
    )
}

fn os() -> Value {
    const FUNCTIONS: &[(&str, NativeFn)] = &[
        // The machine's real cores: the page's `navigator.hardwareConcurrency`.
        ("cpu_count", |vm, _, _| {
            Ok(Value::Int(vm.interp.program.cores() as i64))
        }),
        ("getpid", |_, _, _| Ok(Value::Int(1))),
    ];
    module(FUNCTIONS, Vec::new())
}

fn sys(vm: &Vm) -> Value {
    const FUNCTIONS: &[(&str, NativeFn)] = &[
        ("getrecursionlimit", |vm, _, _| {
            Ok(Value::Int(vm.interp.recursion_limit as i64))
        }),
        ("getswitchinterval", |vm, _, _| {
            let interval = vm
                .interp
                .gil
                .as_ref()
                .map_or(0.005, |gil| gil.interval().as_secs_f64());
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
            Ok(Value::None)
        }),
        ("_is_gil_enabled", |vm, _, _| {
            Ok(Value::Bool(vm.interp.gil.is_some()))
        }),
    ];
    let _ = vm;
    // print(file=sys.stderr) tells the streams apart by these names.
    module(
        FUNCTIONS,
        vec![
            ("stdout", Value::Str(Arc::from("<stdout>"))),
            ("stderr", Value::Str(Arc::from("<stderr>"))),
        ],
    )
}
