//! Python source → code objects: the compiler's state here; statements in `stmt.rs`,
//! loops and `try` in `flow.rs`, `def` and `class` in `def.rs`, expressions in `expr.rs`.
//!
//! Valid Python outside the supported subset is refused here, before anything runs,
//! with `NotImplementedError: <what> is not supported here` and its line.

mod comprehension;
mod def;
mod expr;
mod flow;
mod fstring;
mod stmt;
mod suspend;
mod target;

use super::code::{Code, Const, Instr, Kind, Params, Source};
use super::parse::LineIndex;
use super::scope::ScopeInfo;
use super::value::Value;
use ruff_python_ast::{self as ast, Expr, Stmt};
use ruff_text_size::{Ranged, TextSize};
use std::collections::HashMap;
use std::sync::Arc;

/// Why a program cannot run: CPython's `SyntaxError` wording, or what is left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompileError {
    /// `SyntaxError`, `IndentationError` or `NotImplementedError`.
    pub kind: &'static str,
    pub message: String,
    pub line: usize,
    pub col: usize,
}

type Result<T> = std::result::Result<T, CompileError>;

/// Compiles a parsed module.
///
/// # Errors
/// A [`CompileError`] naming the first construct outside the subset, or a
/// `SyntaxError` CPython's compiler raises (`'return' outside function`).
pub fn compile_module(
    module: &ast::ModModule,
    lines: &LineIndex,
    source: Arc<Source>,
) -> Result<Arc<Code>> {
    let mut compiler = Compiler {
        source,
        lines,
        units: vec![Unit::new("<module>", None, &[])],
    };
    compiler.stmts(&module.body)?;
    compiler.load_const(Value::None);
    compiler.emit(Instr::Return);
    compiler.finish_unit()
}

/// Where a name lives, seen from the code being compiled.
enum Place {
    Fast(u32),
    Deref(u32),
    Global(u32),
    /// In a class body: its namespace.
    Name(u32),
}

/// A block that `return`, `break` and `continue` must leave properly.
enum FBlock<'a> {
    Loop {
        start: usize,
        breaks: Vec<usize>,
        is_for: bool,
    },
    /// Inside `try:` with handlers: the handler block is set up.
    Try,
    /// Inside `try:` of a `try … finally`: leaving runs the `finally` body.
    Finally(&'a [Stmt]),
    /// Inside an `except` clause: leaving ends the handling.
    Except,
    /// Inside a `with` block: leaving calls `__exit__(None, None, None)`; inside
    /// `async with` (`true`), awaits `__aexit__(None, None, None)`.
    With(bool),
}

/// One code object being built.
struct Unit<'a> {
    name: Arc<str>,
    instrs: Vec<Instr>,
    lines: Vec<u32>,
    consts: Vec<Const>,
    names: Vec<Arc<str>>,
    name_index: HashMap<Arc<str>, u32>,
    scope: Option<ScopeInfo>,
    locals: Vec<Arc<str>>,
    cells: Vec<Arc<str>>,
    free: usize,
    params: Params,
    line: u32,
    fblocks: Vec<FBlock<'a>>,
    /// A class body: its names go to the class's namespace.
    is_class: bool,
    /// A generator's or a coroutine's body.
    kind: Kind,
    /// Where its first `return value` is (line, column): an error in an async
    /// generator, which is known only once its body is compiled.
    value_return: Option<(usize, usize)>,
}

impl<'a> Unit<'a> {
    pub(super) fn new(name: &str, scope: Option<ScopeInfo>, free: &[Arc<str>]) -> Self {
        let locals = scope.as_ref().map(|s| s.locals.clone()).unwrap_or_default();
        let mut cells = scope
            .as_ref()
            .map(|s| s.captured.clone())
            .unwrap_or_default();
        cells.extend(free.iter().cloned());
        Unit {
            name: Arc::from(name),
            instrs: Vec::new(),
            lines: Vec::new(),
            consts: Vec::new(),
            names: Vec::new(),
            name_index: HashMap::new(),
            free: free.len(),
            scope,
            locals,
            cells,
            params: Params::default(),
            line: 1,
            fblocks: Vec::new(),
            is_class: false,
            kind: Kind::Function,
            value_return: None,
        }
    }
}

struct Compiler<'a> {
    source: Arc<Source>,
    lines: &'a LineIndex,
    units: Vec<Unit<'a>>,
}

impl<'a> Compiler<'a> {
    pub(super) fn unit(&mut self) -> &mut Unit<'a> {
        // There is always the module's unit at least.
        let last = self.units.len() - 1;
        &mut self.units[last]
    }

    pub(super) fn unit_ref(&self) -> &Unit<'a> {
        &self.units[self.units.len() - 1]
    }

    pub(super) fn emit(&mut self, instr: Instr) -> usize {
        let unit = self.unit();
        unit.instrs.push(instr);
        unit.lines.push(unit.line);
        unit.instrs.len() - 1
    }

    pub(super) fn here(&self) -> u32 {
        self.unit_ref().instrs.len() as u32
    }

    /// Points the jump at `at` to `target`.
    pub(super) fn patch(&mut self, at: usize, target: u32) {
        if let Some(instr) = self.unit().instrs.get_mut(at) {
            *instr = match *instr {
                Instr::Jump(_) => Instr::Jump(target),
                Instr::PopJumpIfFalse(_) => Instr::PopJumpIfFalse(target),
                Instr::PopJumpIfTrue(_) => Instr::PopJumpIfTrue(target),
                Instr::JumpIfFalseOrPop(_) => Instr::JumpIfFalseOrPop(target),
                Instr::JumpIfTrueOrPop(_) => Instr::JumpIfTrueOrPop(target),
                Instr::ForIter(_) => Instr::ForIter(target),
                Instr::SetupExcept(_) => Instr::SetupExcept(target),
                Instr::SetupWith(_) => Instr::SetupWith(target),
                other => other,
            };
        }
    }

    pub(super) fn patch_here(&mut self, at: usize) {
        let here = self.here();
        self.patch(at, here);
    }

    pub(super) fn set_line(&mut self, node: &impl Ranged) {
        let line = self.line_of(node.start());
        self.unit().line = line as u32;
    }

    pub(super) fn line_of(&self, offset: TextSize) -> usize {
        self.lines.line_col(offset).0
    }

    pub(super) fn not_supported(&self, what: &str, node: &impl Ranged) -> CompileError {
        let (line, col) = self.lines.line_col(node.start());
        CompileError {
            kind: "NotImplementedError",
            message: format!("{what} is not supported here"),
            line,
            col,
        }
    }

    pub(super) fn syntax_error(&self, message: &str, node: &impl Ranged) -> CompileError {
        let (line, col) = self.lines.line_col(node.start());
        CompileError {
            kind: "SyntaxError",
            message: message.to_owned(),
            line,
            col,
        }
    }

    pub(super) fn add_const(&mut self, c: Const) -> u32 {
        let unit = self.unit();
        unit.consts.push(c);
        (unit.consts.len() - 1) as u32
    }

    pub(super) fn load_const(&mut self, value: Value) {
        let at = self.add_const(Const::Value(value));
        self.emit(Instr::LoadConst(at));
    }

    pub(super) fn name(&mut self, name: &str) -> u32 {
        let unit = self.unit();
        if let Some(&at) = unit.name_index.get(name) {
            return at;
        }
        let name: Arc<str> = Arc::from(name);
        unit.names.push(name.clone());
        let at = (unit.names.len() - 1) as u32;
        unit.name_index.insert(name, at);
        at
    }

    pub(super) fn place(&mut self, name: &str) -> Place {
        let unit = self.unit_ref();
        if unit.is_class {
            return Place::Name(self.name(name));
        }
        if let Some(scope) = &unit.scope {
            if !scope.globals.iter().any(|g| &**g == name) {
                if let Some(at) = unit.cells.iter().position(|c| &**c == name) {
                    return Place::Deref(at as u32);
                }
                if let Some(at) = unit.locals.iter().position(|l| &**l == name) {
                    return Place::Fast(at as u32);
                }
            }
        }
        Place::Global(self.name(name))
    }

    pub(super) fn load_name(&mut self, name: &str) {
        let instr = match self.place(name) {
            Place::Fast(at) => Instr::LoadFast(at),
            Place::Deref(at) => Instr::LoadDeref(at),
            Place::Global(at) => Instr::LoadGlobal(at),
            Place::Name(at) => Instr::LoadName(at),
        };
        self.emit(instr);
    }

    pub(super) fn store_name(&mut self, name: &str) {
        let instr = match self.place(name) {
            Place::Fast(at) => Instr::StoreFast(at),
            Place::Deref(at) => Instr::StoreDeref(at),
            Place::Global(at) => Instr::StoreGlobal(at),
            Place::Name(at) => Instr::StoreName(at),
        };
        self.emit(instr);
    }

    pub(super) fn delete_name(&mut self, name: &str, node: &impl Ranged) -> Result<()> {
        let instr = match self.place(name) {
            Place::Fast(at) => Instr::DeleteFast(at),
            Place::Global(at) => Instr::DeleteGlobal(at),
            Place::Deref(_) | Place::Name(_) => {
                return Err(self.not_supported("del of this name", node))
            }
        };
        self.emit(instr);
        Ok(())
    }

    pub(super) fn finish_unit(&mut self) -> Result<Arc<Code>> {
        let unit = self.units.pop().ok_or_else(|| CompileError {
            kind: "SyntaxError",
            message: "internal: no code object".into(),
            line: 0,
            col: 0,
        })?;
        if let (Kind::AsyncGenerator, Some((line, col))) = (unit.kind, unit.value_return) {
            return Err(CompileError {
                kind: "SyntaxError",
                message: "'return' with value in async generator".into(),
                line,
                col,
            });
        }
        let cell_params = unit
            .cells
            .iter()
            .enumerate()
            .take(unit.cells.len() - unit.free)
            .filter_map(|(cell, name)| {
                let slot = unit.locals.iter().position(|l| l == name)?;
                (slot
                    < unit.params.names.len()
                        + usize::from(unit.params.varargs)
                        + usize::from(unit.params.varkw))
                .then_some((cell, slot))
            })
            .collect();
        Ok(Arc::new(Code {
            source: self.source.clone(),
            is_module: unit.scope.is_none(),
            name: unit.name,
            instrs: unit.instrs,
            lines: unit.lines,
            consts: unit.consts,
            global_slots: unit.names.iter().map(|_| Default::default()).collect(),
            attr_slots: unit.names.iter().map(|_| Default::default()).collect(),
            builtin_slots: unit.names.iter().map(|_| Default::default()).collect(),
            names: unit.names,
            locals: unit.locals,
            cells: unit.cells,
            free: unit.free,
            cell_params,
            params: unit.params,
            kind: unit.kind,
        }))
    }
}

/// A `lambda:`'s parameters.
static NO_PARAMS: std::sync::LazyLock<ast::Parameters> =
    std::sync::LazyLock::new(ast::Parameters::default);

/// What a `def` or a `lambda` runs.
enum FunctionBody<'a> {
    Stmts(&'a [Stmt]),
    Expr(&'a Expr),
}
