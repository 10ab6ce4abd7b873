//! Loops, `break`/`continue` and `try`: the jumps, and the blocks a jump out of a
//! `with` or a `finally` must unwind on its way.

use super::{Compiler, FBlock, Place, Result};
use crate::python::code::Instr;
use crate::python::value::Value;
use ruff_python_ast::{self as ast, Stmt};

impl<'a> Compiler<'a> {
    pub(super) fn while_stmt(&mut self, s: &'a ast::StmtWhile) -> Result<()> {
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

    pub(super) fn for_stmt(&mut self, s: &'a ast::StmtFor) -> Result<()> {
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

    pub(super) fn pop_loop(&mut self) -> Vec<usize> {
        match self.unit().fblocks.pop() {
            Some(FBlock::Loop { breaks, .. }) => breaks,
            _ => Vec::new(),
        }
    }

    /// `break`/`continue`: leaves the blocks inside the loop, then jumps.
    pub(super) fn break_or_continue(&mut self, stmt: &Stmt, is_break: bool) -> Result<()> {
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
    pub(super) fn unwind_all(&mut self) -> Result<()> {
        self.unwind_to(0)
    }

    pub(super) fn unwind_to(&mut self, depth: usize) -> Result<()> {
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

    pub(super) fn try_stmt(&mut self, s: &'a ast::StmtTry) -> Result<()> {
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

    pub(super) fn try_except(&mut self, s: &'a ast::StmtTry) -> Result<()> {
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
}
