//! Comprehensions and generator expressions: each a function of its own, called
//! at once with the first iterable (a generator expression returns its frame).

use super::{Compiler, Result};
use crate::python::code::Instr;
use crate::python::scope::{function_scope, Body};
use crate::python::value::Value;
use ruff_python_ast::{self as ast, Expr};
use std::sync::Arc;

impl<'a> Compiler<'a> {
    pub(super) fn comprehension(
        &mut self,
        name: &str,
        elts: &[&'a Expr],
        generators: &'a [ast::Comprehension],
        kind: Kind,
    ) -> Result<()> {
        let Some(first) = generators.first() else {
            return Ok(());
        };
        let params = [Arc::from(".0")];
        let scope = function_scope(&params, Body::Comprehension(elts.to_vec(), generators));
        let line = self.unit_ref().line;
        let signature = crate::python::code::Params {
            names: params.to_vec(),
            positional: 1,
            ..Default::default()
        };
        let code = self
            .compile_comprehension(name, scope, signature, elts, generators, kind, line, first)?;
        self.emit_closure(&code, 0)?;
        self.expr(&first.iter)?;
        self.emit(if first.is_async {
            Instr::GetAIter
        } else {
            Instr::GetIter
        });
        self.emit(Instr::Call(1));
        if code.kind == crate::python::code::Kind::Coroutine {
            self.await_top();
        }
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    fn compile_comprehension(
        &mut self,
        name: &str,
        scope: crate::python::scope::ScopeInfo,
        signature: crate::python::code::Params,
        elts: &[&'a Expr],
        generators: &'a [ast::Comprehension],
        kind: Kind,
        line: u32,
        node: &ast::Comprehension,
    ) -> Result<Arc<crate::python::code::Code>> {
        self.begin_function(name, scope, signature, line, node)?;
        match kind {
            Kind::List => drop(self.emit(Instr::BuildList(0))),
            Kind::Set => drop(self.emit(Instr::BuildSet(0))),
            Kind::Dict => drop(self.emit(Instr::BuildMap(0))),
            // A generator expression yields its items, lazily; under them is what
            // it returns at the end.
            // With an `async for`, an asynchronous generator: iterated by `async for`,
            // its items awaited in turn.
            Kind::Generator => {
                self.unit().kind = if generators.iter().any(|g| g.is_async) {
                    crate::python::code::Kind::AsyncGenerator
                } else {
                    crate::python::code::Kind::Generator
                };
                self.load_const(Value::None);
            }
        }
        self.comprehension_loop(elts, generators, 0, kind)?;
        self.emit(Instr::Return);
        self.finish_unit()
    }

    /// One `for … if …` clause of a comprehension, and the ones inside it.
    fn comprehension_loop(
        &mut self,
        elts: &[&'a Expr],
        generators: &'a [ast::Comprehension],
        depth: usize,
        kind: Kind,
    ) -> Result<()> {
        let Some(generator) = generators.get(depth) else {
            // The innermost: add the element to the result, under `depth` iterators.
            for elt in elts {
                self.expr(elt)?;
            }
            let below = depth as u32 + 1;
            match kind {
                Kind::List => self.emit(Instr::ListAppend(below)),
                Kind::Set => self.emit(Instr::SetAdd(below)),
                Kind::Dict => self.emit(Instr::MapAdd(below)),
                Kind::Generator => {
                    self.emit(Instr::Yield);
                    self.emit(Instr::Pop)
                }
            };
            return Ok(());
        };
        if generator.is_async {
            self.check_async(
                "asynchronous comprehension outside of an asynchronous function",
                generator,
            )?;
        }
        if depth == 0 {
            self.emit(Instr::LoadFast(0)); // `.0`: the first iterator, given
        } else {
            self.expr(&generator.iter)?;
            self.emit(if generator.is_async {
                Instr::GetAIter
            } else {
                Instr::GetIter
            });
        }
        let start = self.here();
        let exit = if generator.is_async {
            self.await_next_item()
        } else {
            self.emit(Instr::ForIter(0))
        };
        self.store(&generator.target)?;
        let mut skips = Vec::new();
        for condition in &generator.ifs {
            self.expr(condition)?;
            skips.push(self.emit(Instr::PopJumpIfFalse(0)));
        }
        self.comprehension_loop(elts, generators, depth + 1, kind)?;
        for skip in skips {
            self.patch(skip, start);
        }
        self.emit(Instr::Jump(start));
        self.patch_here(exit);
        if generator.is_async {
            self.emit(Instr::EndAsyncFor);
        }
        Ok(())
    }
}

#[derive(Clone, Copy)]
pub(super) enum Kind {
    List,
    Set,
    Dict,
    Generator,
}
