//! Python source → code objects: the statements here, the expressions in `expr.rs`.
//!
//! Valid Python outside the supported subset is refused here, before anything runs,
//! with `NotImplementedError: <what> is not supported here` and its line.

mod expr;
mod suspend;

use super::code::{Code, Const, Instr, Kind, Params, Source};
use super::parse::LineIndex;
use super::scope::{function_scope, param_names, Body, ScopeInfo};
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
    fn new(name: &str, scope: Option<ScopeInfo>, free: &[Arc<str>]) -> Self {
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
    fn unit(&mut self) -> &mut Unit<'a> {
        // There is always the module's unit at least.
        let last = self.units.len() - 1;
        &mut self.units[last]
    }

    fn unit_ref(&self) -> &Unit<'a> {
        &self.units[self.units.len() - 1]
    }

    fn emit(&mut self, instr: Instr) -> usize {
        let unit = self.unit();
        unit.instrs.push(instr);
        unit.lines.push(unit.line);
        unit.instrs.len() - 1
    }

    fn here(&self) -> u32 {
        self.unit_ref().instrs.len() as u32
    }

    /// Points the jump at `at` to `target`.
    fn patch(&mut self, at: usize, target: u32) {
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

    fn patch_here(&mut self, at: usize) {
        let here = self.here();
        self.patch(at, here);
    }

    fn set_line(&mut self, node: &impl Ranged) {
        let line = self.line_of(node.start());
        self.unit().line = line as u32;
    }

    fn line_of(&self, offset: TextSize) -> usize {
        self.lines.line_col(offset).0
    }

    fn not_supported(&self, what: &str, node: &impl Ranged) -> CompileError {
        let (line, col) = self.lines.line_col(node.start());
        CompileError {
            kind: "NotImplementedError",
            message: format!("{what} is not supported here"),
            line,
            col,
        }
    }

    fn syntax_error(&self, message: &str, node: &impl Ranged) -> CompileError {
        let (line, col) = self.lines.line_col(node.start());
        CompileError {
            kind: "SyntaxError",
            message: message.to_owned(),
            line,
            col,
        }
    }

    fn add_const(&mut self, c: Const) -> u32 {
        let unit = self.unit();
        unit.consts.push(c);
        (unit.consts.len() - 1) as u32
    }

    fn load_const(&mut self, value: Value) {
        let at = self.add_const(Const::Value(value));
        self.emit(Instr::LoadConst(at));
    }

    fn name(&mut self, name: &str) -> u32 {
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

    fn place(&mut self, name: &str) -> Place {
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

    fn load_name(&mut self, name: &str) {
        let instr = match self.place(name) {
            Place::Fast(at) => Instr::LoadFast(at),
            Place::Deref(at) => Instr::LoadDeref(at),
            Place::Global(at) => Instr::LoadGlobal(at),
            Place::Name(at) => Instr::LoadName(at),
        };
        self.emit(instr);
    }

    fn store_name(&mut self, name: &str) {
        let instr = match self.place(name) {
            Place::Fast(at) => Instr::StoreFast(at),
            Place::Deref(at) => Instr::StoreDeref(at),
            Place::Global(at) => Instr::StoreGlobal(at),
            Place::Name(at) => Instr::StoreName(at),
        };
        self.emit(instr);
    }

    fn delete_name(&mut self, name: &str, node: &impl Ranged) -> Result<()> {
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

    fn finish_unit(&mut self) -> Result<Arc<Code>> {
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
            names: unit.names,
            locals: unit.locals,
            cells: unit.cells,
            free: unit.free,
            cell_params,
            params: unit.params,
            kind: unit.kind,
        }))
    }

    fn stmts(&mut self, body: &'a [Stmt]) -> Result<()> {
        body.iter().try_for_each(|stmt| self.stmt(stmt))
    }

    fn stmt(&mut self, stmt: &'a Stmt) -> Result<()> {
        self.set_line(stmt);
        match stmt {
            Stmt::Expr(s) => {
                self.expr(&s.value)?;
                self.emit(Instr::Pop);
            }
            Stmt::Assign(s) => {
                self.expr(&s.value)?;
                for (i, target) in s.targets.iter().enumerate() {
                    if i + 1 < s.targets.len() {
                        self.emit(Instr::Dup);
                    }
                    self.store(target)?;
                }
            }
            Stmt::AugAssign(s) => self.aug_assign(s)?,
            Stmt::AnnAssign(s) => {
                if let Some(value) = &s.value {
                    self.expr(value)?;
                    self.store(&s.target)?;
                }
            }
            Stmt::Pass(_) => {}
            Stmt::If(s) => self.if_stmt(s)?,
            Stmt::While(s) => self.while_stmt(s)?,
            Stmt::For(s) => self.for_stmt(s)?,
            Stmt::Break(_) => self.break_or_continue(stmt, true)?,
            Stmt::Continue(_) => self.break_or_continue(stmt, false)?,
            Stmt::FunctionDef(def) => self.function_def(def)?,
            Stmt::Return(s) => {
                if self.unit_ref().scope.is_none() {
                    return Err(self.syntax_error("'return' outside function", stmt));
                }
                match &s.value {
                    Some(value) => {
                        if self.unit_ref().value_return.is_none() {
                            let at = self.lines.line_col(stmt.start());
                            self.unit().value_return = Some(at);
                        }
                        self.expr(value)?;
                    }
                    None => self.load_const(Value::None),
                }
                self.unwind_all()?;
                self.emit(Instr::Return);
            }
            Stmt::Global(_) | Stmt::Nonlocal(_) => {}
            Stmt::Delete(s) => {
                for target in &s.targets {
                    self.delete(target)?;
                }
            }
            Stmt::Raise(s) => {
                let mut n = 0;
                if let Some(exc) = &s.exc {
                    self.expr(exc)?;
                    n = 1;
                    if let Some(cause) = &s.cause {
                        self.expr(cause)?;
                        n = 2;
                    }
                }
                self.emit(Instr::Raise(n));
            }
            Stmt::Assert(s) => {
                self.expr(&s.test)?;
                let jump = self.emit(Instr::PopJumpIfTrue(0));
                let name = self.name("AssertionError");
                self.emit(Instr::LoadGlobal(name));
                if let Some(msg) = &s.msg {
                    self.expr(msg)?;
                    self.emit(Instr::Call(1));
                }
                self.emit(Instr::Raise(1));
                self.patch_here(jump);
            }
            Stmt::Try(s) => self.try_stmt(s)?,
            Stmt::Import(s) => {
                for alias in &s.names {
                    let module = self.name(alias.name.as_str());
                    self.emit(Instr::ImportName(module));
                    match &alias.asname {
                        Some(asname) => {
                            // `import a.b as c` binds the submodule itself.
                            for part in alias.name.as_str().split('.').skip(1) {
                                let attr = self.name(part);
                                self.emit(Instr::LoadAttr(attr));
                            }
                            self.store_name(asname.as_str());
                        }
                        None => {
                            // `import a.b` binds `a`: ImportName leaves the top package.
                            let top = alias.name.as_str().split('.').next().unwrap_or_default();
                            self.store_name(top);
                        }
                    }
                }
            }
            Stmt::ImportFrom(s) => {
                let Some(module) = &s.module else {
                    return Err(self.not_supported("relative import", stmt));
                };
                if s.level > 0 {
                    return Err(self.not_supported("relative import", stmt));
                }
                let at = self.name(module.as_str());
                self.emit(Instr::ImportName(at));
                // ImportName leaves the top package; walk down to the module itself.
                for part in module.as_str().split('.').skip(1) {
                    let attr = self.name(part);
                    self.emit(Instr::LoadAttr(attr));
                }
                for alias in &s.names {
                    if alias.name.as_str() == "*" {
                        return Err(self.not_supported("from … import *", stmt));
                    }
                    let at = self.name(alias.name.as_str());
                    self.emit(Instr::ImportFrom(at));
                    self.store_name(alias.asname.as_ref().unwrap_or(&alias.name).as_str());
                }
                self.emit(Instr::Pop);
            }
            Stmt::ClassDef(class) => self.class_def(class)?,
            Stmt::With(with) if with.is_async => self.async_with(with)?,
            Stmt::With(with) => self.with_items(&with.items, &with.body)?,
            Stmt::Match(_) => return Err(self.not_supported("match", stmt)),
            Stmt::TypeAlias(_) => return Err(self.not_supported("type alias", stmt)),
            Stmt::IpyEscapeCommand(_) => return Err(self.syntax_error("invalid syntax", stmt)),
        }
        Ok(())
    }

    fn aug_assign(&mut self, s: &'a ast::StmtAugAssign) -> Result<()> {
        let op = expr::bin_op(s.op);
        match &*s.target {
            Expr::Name(name) => {
                self.load_name(name.id.as_str());
                self.expr(&s.value)?;
                self.emit(Instr::InPlace(op));
                self.store_name(name.id.as_str());
            }
            Expr::Subscript(sub) => {
                self.expr(&sub.value)?;
                self.expr(&sub.slice)?;
                // [obj, key] → [obj, key, obj, key] → [obj, key, value] → [value, obj, key]
                self.emit(Instr::Dup2);
                self.emit(Instr::LoadSubscr);
                self.expr(&s.value)?;
                self.emit(Instr::InPlace(op));
                self.emit(Instr::Rot3);
                self.emit(Instr::StoreSubscr);
            }
            Expr::Attribute(attr) => {
                self.expr(&attr.value)?;
                self.emit(Instr::Dup);
                let at = self.name(attr.attr.as_str());
                self.emit(Instr::LoadAttr(at));
                self.expr(&s.value)?;
                self.emit(Instr::InPlace(op));
                self.emit(Instr::Rot2);
                self.emit(Instr::StoreAttr(at));
            }
            other => {
                return Err(self.syntax_error(
                    "'expression' is an illegal expression for augmented assignment",
                    other,
                ))
            }
        }
        Ok(())
    }

    /// `with a as x, b as y: body` is `with a as x: with b as y: body`.
    fn with_items(&mut self, items: &'a [ast::WithItem], body: &'a [Stmt]) -> Result<()> {
        let Some((item, rest)) = items.split_first() else {
            return self.stmts(body);
        };
        self.expr(&item.context_expr)?;
        let setup = self.emit(Instr::SetupWith(0));
        match &item.optional_vars {
            Some(target) => self.store(target)?,
            None => {
                self.emit(Instr::Pop);
            }
        }
        self.unit().fblocks.push(FBlock::With(false));
        self.with_items(rest, body)?;
        self.unit().fblocks.pop();
        self.emit(Instr::PopBlock);
        self.call_exit();
        let end = self.emit(Instr::Jump(0));
        // An exception: `__exit__` decides whether it goes on.
        self.patch_here(setup);
        self.emit(Instr::WithExcept);
        let suppressed = self.emit(Instr::PopJumpIfTrue(0));
        self.emit(Instr::Reraise);
        self.patch_here(suppressed);
        self.emit(Instr::PopExcept);
        self.emit(Instr::Pop); // the exception
        self.emit(Instr::Pop); // `__exit__`
        self.patch_here(end);
        Ok(())
    }

    /// Calls the `__exit__` on top with `(None, None, None)` and drops its result.
    fn call_exit(&mut self) {
        for _ in 0..3 {
            self.load_const(Value::None);
        }
        self.emit(Instr::Call(3));
        self.emit(Instr::Pop);
    }

    fn if_stmt(&mut self, s: &'a ast::StmtIf) -> Result<()> {
        self.expr(&s.test)?;
        let mut skip = self.emit(Instr::PopJumpIfFalse(0));
        self.stmts(&s.body)?;
        let mut ends = Vec::new();
        for clause in &s.elif_else_clauses {
            ends.push(self.emit(Instr::Jump(0)));
            self.patch_here(skip);
            self.set_line(clause);
            match &clause.test {
                Some(test) => {
                    self.expr(test)?;
                    skip = self.emit(Instr::PopJumpIfFalse(0));
                    self.stmts(&clause.body)?;
                }
                None => {
                    // `else:` cannot be skipped; point the last test past it instead.
                    skip = usize::MAX;
                    self.stmts(&clause.body)?;
                }
            }
        }
        if skip != usize::MAX {
            self.patch_here(skip);
        }
        for end in ends {
            self.patch_here(end);
        }
        Ok(())
    }

    fn while_stmt(&mut self, s: &'a ast::StmtWhile) -> Result<()> {
        let start = self.here() as usize;
        self.expr(&s.test)?;
        let exit = self.emit(Instr::PopJumpIfFalse(0));
        self.loop_body(start, exit, false, &s.body, &s.orelse, None)
    }

    /// A loop once its step is emitted (`start` its first instruction; `exit` the
    /// jump out when there is no next round, to patch): the body as a loop block,
    /// the jump back, then where `exit` lands, `on_exit` (if any) and the `else`
    /// block, and after it the `break`s.
    pub(super) fn loop_body(
        &mut self,
        start: usize,
        exit: usize,
        is_for: bool,
        body: &'a [ast::Stmt],
        orelse: &'a [ast::Stmt],
        on_exit: Option<Instr>,
    ) -> Result<()> {
        self.unit().fblocks.push(FBlock::Loop {
            start,
            breaks: Vec::new(),
            is_for,
        });
        self.stmts(body)?;
        self.emit(Instr::Jump(start as u32));
        let breaks = self.pop_loop();
        self.patch_here(exit);
        if let Some(instr) = on_exit {
            self.emit(instr);
        }
        self.stmts(orelse)?;
        for at in breaks {
            self.patch_here(at);
        }
        Ok(())
    }

    fn for_stmt(&mut self, s: &'a ast::StmtFor) -> Result<()> {
        if s.is_async {
            return self.async_for(s);
        }
        self.expr(&s.iter)?;
        self.emit(Instr::GetIter);
        let start = self.here() as usize;
        let next = self.emit(Instr::ForIter(0));
        self.store(&s.target)?;
        self.loop_body(start, next, true, &s.body, &s.orelse, None)
    }

    fn pop_loop(&mut self) -> Vec<usize> {
        match self.unit().fblocks.pop() {
            Some(FBlock::Loop { breaks, .. }) => breaks,
            _ => Vec::new(),
        }
    }

    /// `break`/`continue`: leaves the blocks inside the loop, then jumps.
    fn break_or_continue(&mut self, stmt: &Stmt, is_break: bool) -> Result<()> {
        let Some(depth) = self
            .unit_ref()
            .fblocks
            .iter()
            .rposition(|b| matches!(b, FBlock::Loop { .. }))
        else {
            let what = if is_break {
                "'break' outside loop"
            } else {
                "'continue' not properly in loop"
            };
            return Err(self.syntax_error(what, stmt));
        };
        self.unwind_to(depth + 1)?;
        let (start, is_for) = match self.unit_ref().fblocks.get(depth) {
            Some(FBlock::Loop { start, is_for, .. }) => (*start, *is_for),
            _ => return Ok(()),
        };
        if is_break {
            if is_for {
                self.emit(Instr::Pop); // the iterator
            }
            let at = self.emit(Instr::Jump(0));
            if let Some(FBlock::Loop { breaks, .. }) = self.unit().fblocks.get_mut(depth) {
                breaks.push(at);
            }
        } else {
            self.emit(Instr::Jump(start as u32));
        }
        Ok(())
    }

    /// Emits what leaving every block down to `depth` needs (for `return`).
    fn unwind_all(&mut self) -> Result<()> {
        self.unwind_to(0)
    }

    fn unwind_to(&mut self, depth: usize) -> Result<()> {
        // The blocks are compiled again inline (a `finally` body), so take them out
        // while doing so and put them back after.
        let mut taken = Vec::new();
        while self.unit_ref().fblocks.len() > depth {
            let Some(block) = self.unit().fblocks.pop() else {
                break;
            };
            match &block {
                FBlock::Try => {
                    self.emit(Instr::PopBlock);
                }
                FBlock::Except => {
                    self.emit(Instr::PopExcept);
                }
                FBlock::With(is_async) => {
                    let is_async = *is_async;
                    self.emit(Instr::PopBlock);
                    if depth == 0 {
                        // `return`: the value is on top of `__exit__`.
                        self.emit(Instr::Rot2);
                    }
                    self.call_exit();
                    if is_async {
                        // `call_exit` dropped the awaitable: await it instead.
                        self.unit().instrs.pop();
                        self.unit().lines.pop();
                        self.await_top();
                        self.emit(Instr::Pop);
                    }
                }
                FBlock::Finally(body) => {
                    self.emit(Instr::PopBlock);
                    self.stmts(body)?;
                }
                FBlock::Loop { is_for, .. } => {
                    if *is_for && depth == 0 {
                        // `return` in a for loop: the iterator under the return value.
                        self.emit(Instr::Rot2);
                        self.emit(Instr::Pop);
                    }
                }
            }
            taken.push(block);
        }
        while let Some(block) = taken.pop() {
            self.unit().fblocks.push(block);
        }
        Ok(())
    }

    fn try_stmt(&mut self, s: &'a ast::StmtTry) -> Result<()> {
        if s.is_star {
            return Err(self.not_supported("except*", s));
        }
        if s.finalbody.is_empty() {
            return self.try_except(s);
        }
        // try: [try/except/else] finally: body
        let setup = self.emit(Instr::SetupExcept(0));
        self.unit().fblocks.push(FBlock::Finally(&s.finalbody));
        if s.handlers.is_empty() {
            self.stmts(&s.body)?;
        } else {
            self.try_except(s)?;
        }
        self.unit().fblocks.pop();
        self.emit(Instr::PopBlock);
        self.stmts(&s.finalbody)?;
        let end = self.emit(Instr::Jump(0));
        // With an exception: the `finally` body, then the exception goes on.
        self.patch_here(setup);
        self.unit().fblocks.push(FBlock::Except);
        self.stmts(&s.finalbody)?;
        self.unit().fblocks.pop();
        self.emit(Instr::Reraise);
        self.patch_here(end);
        Ok(())
    }

    fn try_except(&mut self, s: &'a ast::StmtTry) -> Result<()> {
        let setup = self.emit(Instr::SetupExcept(0));
        self.unit().fblocks.push(FBlock::Try);
        self.stmts(&s.body)?;
        self.unit().fblocks.pop();
        self.emit(Instr::PopBlock);
        let to_else = self.emit(Instr::Jump(0));
        self.patch_here(setup);
        // The exception is on the stack, and is the one being handled.
        let mut ends = Vec::new();
        for handler in &s.handlers {
            let ast::ExceptHandler::ExceptHandler(h) = handler;
            self.set_line(h);
            let mut next = None;
            if let Some(class) = &h.type_ {
                // ExceptMatch looks at the exception below the class and leaves it.
                self.expr(class)?;
                self.emit(Instr::ExceptMatch);
                next = Some(self.emit(Instr::PopJumpIfFalse(0)));
            }
            match &h.name {
                Some(name) => self.store_name(name.as_str()),
                None => {
                    self.emit(Instr::Pop);
                }
            }
            self.unit().fblocks.push(FBlock::Except);
            self.stmts(&h.body)?;
            self.unit().fblocks.pop();
            self.emit(Instr::PopExcept);
            if let Some(name) = &h.name {
                // `except E as e:` deletes `e` at the end, as Python does (`e = None;
                // del e`, so that a handler that deleted it already is fine).
                self.load_const(Value::None);
                self.store_name(name.as_str());
                if let Place::Fast(_) | Place::Global(_) = self.place(name.as_str()) {
                    self.delete_name(name.as_str(), h)?;
                }
            }
            ends.push(self.emit(Instr::Jump(0)));
            if let Some(next) = next {
                self.patch_here(next);
            }
        }
        // No clause matched: the exception goes on.
        self.emit(Instr::Reraise);
        self.patch_here(to_else);
        self.stmts(&s.orelse)?;
        for end in ends {
            self.patch_here(end);
        }
        Ok(())
    }

    /// `class Name(Base): body`: the body runs once, as a function whose names go
    /// to the class's namespace; `BuildClass` makes the class of it.
    fn class_def(&mut self, class: &'a ast::StmtClassDef) -> Result<()> {
        if class.type_params.is_some() {
            return Err(self.not_supported("type parameters", class));
        }
        for decorator in &class.decorator_list {
            self.expr(&decorator.expression)?;
        }
        let line = self.unit_ref().line;
        self.units.push(Unit::new(class.name.as_str(), None, &[]));
        self.unit().is_class = true;
        self.unit().line = line;
        self.stmts(&class.body)?;
        self.load_const(Value::None);
        self.emit(Instr::Return);
        let body = self.finish_unit()?;
        let at = self.add_const(Const::Code(body));
        self.emit(Instr::MakeFunction(0, at));
        let mut bases = 0;
        if let Some(arguments) = &class.arguments {
            if !arguments.keywords.is_empty() {
                return Err(self.not_supported("class keywords (metaclass=…)", class));
            }
            if arguments.args.len() > 1 {
                return Err(self.not_supported("multiple inheritance", class));
            }
            for base in &arguments.args {
                self.expr(base)?;
                bases += 1;
            }
        }
        let name = self.name(class.name.as_str());
        self.emit(Instr::BuildClass(name, bases));
        for _ in &class.decorator_list {
            self.emit(Instr::Call(1));
        }
        self.store_name(class.name.as_str());
        Ok(())
    }

    fn function_def(&mut self, def: &'a ast::StmtFunctionDef) -> Result<()> {
        for decorator in &def.decorator_list {
            self.expr(&decorator.expression)?;
        }
        self.make_function(
            def.name.as_str(),
            Some(&def.parameters),
            FunctionBody::Stmts(&def.body),
            def,
            def.is_async,
        )?;
        for _ in &def.decorator_list {
            self.emit(Instr::Call(1));
        }
        self.store_name(def.name.as_str());
        Ok(())
    }

    /// Compiles a function body into its own code object and emits the making of
    /// the function (defaults, closure) here.
    fn make_function(
        &mut self,
        name: &str,
        params: Option<&'a ast::Parameters>,
        body: FunctionBody<'a>,
        node: &impl Ranged,
        is_async: bool,
    ) -> Result<()> {
        let names = param_names(params);
        let params: &'a ast::Parameters = params.unwrap_or(&NO_PARAMS);
        let mut flags = 0;
        let defaults: Vec<&Expr> = params
            .posonlyargs
            .iter()
            .chain(&params.args)
            .filter_map(|p| p.default.as_deref())
            .collect();
        if !defaults.is_empty() {
            for default in &defaults {
                self.expr(default)?;
            }
            self.emit(Instr::BuildTuple(defaults.len() as u32));
            flags |= 1;
        }
        let kw_defaults: Vec<_> = params
            .kwonlyargs
            .iter()
            .filter_map(|p| Some((p.parameter.name.as_str(), p.default.as_deref()?)))
            .collect();
        if !kw_defaults.is_empty() {
            for (name, default) in &kw_defaults {
                self.load_const(Value::str(name));
                self.expr(default)?;
            }
            self.emit(Instr::BuildMap(kw_defaults.len() as u32));
            flags |= 2;
        }
        let line = self.unit_ref().line;
        let scope = match &body {
            FunctionBody::Stmts(stmts) => function_scope(&names, Body::Stmts(stmts)),
            FunctionBody::Expr(expr) => function_scope(&names, Body::Expr(expr)),
        };
        let positional = params.posonlyargs.len() + params.args.len();
        let signature = Params {
            names: names
                .iter()
                .take(positional + params.kwonlyargs.len())
                .cloned()
                .collect(),
            positional,
            keyword_only: params.kwonlyargs.len(),
            varargs: params.vararg.is_some(),
            varkw: params.kwarg.is_some(),
        };
        let code = self.compile_function(name, scope, signature, body, (line, is_async), node)?;
        self.emit_closure(&code, flags)
    }

    /// Emits the closure (if the code has free variables) and `MakeFunction`.
    fn emit_closure(&mut self, code: &Arc<Code>, mut flags: u32) -> Result<()> {
        let free: Vec<Arc<str>> = code
            .cells
            .iter()
            .skip(code.cells.len() - code.free)
            .cloned()
            .collect();
        if !free.is_empty() {
            for name in &free {
                let at = self
                    .unit_ref()
                    .cells
                    .iter()
                    .position(|c| c == name)
                    .unwrap_or(0);
                self.emit(Instr::LoadClosure(at as u32));
            }
            self.emit(Instr::BuildTuple(free.len() as u32));
            flags |= 8;
        }
        let at = self.add_const(Const::Code(code.clone()));
        self.emit(Instr::MakeFunction(flags, at));
        Ok(())
    }

    /// Starts a function's own code object: its free variables are those found in
    /// an enclosing function.
    fn begin_function(
        &mut self,
        name: &str,
        scope: ScopeInfo,
        params: Params,
        line: u32,
        node: &impl Ranged,
    ) -> Result<()> {
        let free: Vec<Arc<str>> = scope
            .free
            .iter()
            .chain(&scope.nonlocals)
            .filter(|name| {
                self.units
                    .iter()
                    .rev()
                    .take_while(|u| u.scope.is_some())
                    .any(|u| u.locals.contains(name) || u.cells.contains(name))
            })
            .cloned()
            .collect();
        for name in &scope.nonlocals {
            if !free.contains(name) {
                return Err(
                    self.syntax_error(&format!("no binding for nonlocal '{name}' found"), node)
                );
            }
        }
        // The enclosing functions that do not hold these yet pass them on as free.
        for name in &free {
            for unit in self
                .units
                .iter_mut()
                .rev()
                .take_while(|u| u.scope.is_some())
            {
                if unit.cells.contains(name) {
                    break;
                }
                unit.cells.push(name.clone());
                unit.free += 1;
            }
        }
        self.units.push(Unit::new(name, Some(scope), &free));
        self.unit().line = line;
        self.unit().params = params;
        Ok(())
    }

    fn compile_function(
        &mut self,
        name: &str,
        scope: ScopeInfo,
        params: Params,
        body: FunctionBody<'a>,
        (line, is_async): (u32, bool),
        node: &impl Ranged,
    ) -> Result<Arc<Code>> {
        self.begin_function(name, scope, params, line, node)?;
        if is_async {
            self.unit().kind = Kind::Coroutine;
        }
        match body {
            FunctionBody::Stmts(stmts) => {
                self.stmts(stmts)?;
                self.load_const(Value::None);
            }
            FunctionBody::Expr(expr) => self.expr(expr)?,
        }
        self.emit(Instr::Return);
        self.finish_unit()
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
