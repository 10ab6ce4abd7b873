//! Statements: assignment, `with`, `if`, and the dispatch of every statement kind.

use super::{expr, Compiler, FBlock, Result};
use crate::python::code::Instr;
use crate::python::value::Value;
use ruff_python_ast::{self as ast, Expr, Stmt};
use ruff_text_size::Ranged;

impl<'a> Compiler<'a> {
    pub(super) fn stmts(&mut self, body: &'a [Stmt]) -> Result<()> {
        body.iter().try_for_each(|stmt| self.stmt(stmt))
    }

    pub(super) fn stmt(&mut self, stmt: &'a Stmt) -> Result<()> {
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

    pub(super) fn aug_assign(&mut self, s: &'a ast::StmtAugAssign) -> Result<()> {
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
    pub(super) fn with_items(
        &mut self,
        items: &'a [ast::WithItem],
        body: &'a [Stmt],
    ) -> Result<()> {
        let Some((item, rest)) = items.split_first() else {
            return self.stmts(body);
        };
        self.expr(&item.context_expr)?;
        self.emit(Instr::BeforeWith);
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
        self.with_handler(setup, false);
        Ok(())
    }

    /// The end of a `with` (or `async with`) block: past its handler when no
    /// exception came; the handler at `setup`, where `__exit__(type, exc, None)`
    /// (awaited, for `async with`) decides whether the exception goes on.
    pub(super) fn with_handler(&mut self, setup: usize, awaited: bool) {
        let end = self.emit(Instr::Jump(0));
        self.patch_here(setup);
        self.emit(Instr::WithExcept);
        self.emit(Instr::Call(3));
        if awaited {
            self.await_top();
        }
        let suppressed = self.emit(Instr::PopJumpIfTrue(0));
        self.emit(Instr::Reraise);
        self.patch_here(suppressed);
        self.emit(Instr::PopExcept);
        self.emit(Instr::Pop); // the exception
        self.emit(Instr::Pop); // `__exit__`
        self.patch_here(end);
    }

    /// Calls the `__exit__` on top with `(None, None, None)` and drops its result.
    pub(super) fn call_exit(&mut self) {
        for _ in 0..3 {
            self.load_const(Value::None);
        }
        self.emit(Instr::Call(3));
        self.emit(Instr::Pop);
    }

    pub(super) fn if_stmt(&mut self, s: &'a ast::StmtIf) -> Result<()> {
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
}
