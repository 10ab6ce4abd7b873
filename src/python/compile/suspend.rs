//! What suspends a frame: `yield`, `yield from`, `await`, `async with` and
//! `async for`.

use super::{Compiler, FBlock, Result};
use crate::python::code::{Instr, Kind};
use crate::python::value::Value;
use ruff_python_ast as ast;
use ruff_text_size::Ranged;

impl<'a> Compiler<'a> {
    /// A `yield` makes the function it is in a generator.
    fn mark_generator(&mut self, what: &str, node: &impl Ranged) -> Result<()> {
        let unit = self.unit_ref();
        if unit.scope.is_none() || unit.is_class {
            return Err(self.syntax_error(&format!("'{what}' outside function"), node));
        }
        match unit.kind {
            Kind::Coroutine | Kind::AsyncGenerator if what == "yield" => {
                self.unit().kind = Kind::AsyncGenerator;
                Ok(())
            }
            Kind::Coroutine | Kind::AsyncGenerator => {
                Err(self.syntax_error("'yield from' inside async function", node))
            }
            _ => {
                self.unit().kind = Kind::Generator;
                Ok(())
            }
        }
    }

    pub(super) fn yield_expr(&mut self, y: &'a ast::ExprYield) -> Result<()> {
        self.mark_generator("yield", y)?;
        match &y.value {
            Some(value) => self.expr(value)?,
            None => self.load_const(Value::None),
        }
        self.emit(Instr::Yield);
        Ok(())
    }

    pub(super) fn yield_from(&mut self, y: &'a ast::ExprYieldFrom) -> Result<()> {
        self.mark_generator("yield from", y)?;
        self.expr(&y.value)?;
        self.emit(Instr::GetYieldFromIter);
        self.load_const(Value::None);
        self.emit(Instr::YieldFrom);
        Ok(())
    }

    pub(super) fn await_expr(&mut self, a: &'a ast::ExprAwait) -> Result<()> {
        self.check_async("'await' outside async function", a)?;
        self.expr(&a.value)?;
        self.await_top();
        Ok(())
    }

    pub(super) fn check_async(&mut self, message: &str, node: &impl Ranged) -> Result<()> {
        let unit = self.unit_ref();
        let is_async = |kind| matches!(kind, Kind::Coroutine | Kind::AsyncGenerator);
        if (unit.scope.is_none() || unit.is_class) && message.starts_with("'await'") {
            return Err(self.syntax_error(&message.replace(" async", ""), node));
        }
        if is_async(unit.kind) {
            return Ok(());
        }
        // `[await x for x in xs]` in an `async def`: the comprehension's own code is
        // a coroutine, awaited where it is made.
        let in_coroutine = self
            .units
            .len()
            .checked_sub(2)
            .and_then(|at| self.units.get(at))
            .is_some_and(|u| is_async(u.kind));
        let comprehension = matches!(&*unit.name, "<listcomp>" | "<setcomp>" | "<dictcomp>");
        if in_coroutine && comprehension {
            self.unit().kind = Kind::Coroutine;
            return Ok(());
        }
        Err(self.syntax_error(message, node))
    }

    /// Awaits the value on top, leaving what the await gives.
    pub(super) fn await_top(&mut self) {
        self.emit(Instr::GetAwaitable);
        self.load_const(Value::None);
        self.emit(Instr::YieldFrom);
    }

    /// `async for target in iterable: body else: orelse`: each item awaited from
    /// `__anext__()` until it raises `StopAsyncIteration`.
    pub(super) fn async_for(&mut self, s: &'a ast::StmtFor) -> Result<()> {
        self.check_async("'async for' outside async function", s)?;
        self.expr(&s.iter)?;
        self.emit(Instr::GetAIter);
        let start = self.here() as usize;
        let setup = self.await_next_item();
        self.store(&s.target)?;
        self.loop_body(
            start,
            setup,
            true,
            &s.body,
            &s.orelse,
            Some(Instr::EndAsyncFor),
        )
    }

    /// [async iterator] → [async iterator, next item], under a handler (whose
    /// place is returned, to be patched) where the `StopAsyncIteration` goes.
    pub(super) fn await_next_item(&mut self) -> usize {
        let setup = self.emit(Instr::SetupExcept(0));
        self.emit(Instr::GetANext);
        self.load_const(Value::None);
        self.emit(Instr::YieldFrom);
        self.emit(Instr::PopBlock);
        setup
    }

    /// `async with a as x, b as y: body`: `__aenter__` and `__aexit__` awaited.
    pub(super) fn async_with(&mut self, with: &'a ast::StmtWith) -> Result<()> {
        self.check_async("'async with' outside async function", with)?;
        self.async_with_items(with, &with.items)
    }

    fn async_with_items(
        &mut self,
        with: &'a ast::StmtWith,
        items: &'a [ast::WithItem],
    ) -> Result<()> {
        let Some((item, rest)) = items.split_first() else {
            return self.stmts(&with.body);
        };
        self.expr(&item.context_expr)?;
        // [manager] → [__aexit__, await manager.__aenter__()]
        self.emit(Instr::Dup);
        let exit = self.name("__aexit__");
        self.emit(Instr::LoadAttr(exit));
        self.emit(Instr::Rot2);
        let enter = self.name("__aenter__");
        self.emit(Instr::LoadAttr(enter));
        self.emit(Instr::Call(0));
        self.await_top();
        match &item.optional_vars {
            Some(target) => self.store(target)?,
            None => {
                self.emit(Instr::Pop);
            }
        }
        let setup = self.emit(Instr::SetupExcept(0));
        self.unit().fblocks.push(FBlock::With(true));
        self.async_with_items(with, rest)?;
        self.unit().fblocks.pop();
        self.emit(Instr::PopBlock);
        for _ in 0..3 {
            self.load_const(Value::None);
        }
        self.emit(Instr::Call(3));
        self.await_top();
        self.emit(Instr::Pop);
        self.with_handler(setup, true);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use crate::python::{check, PythonError};

    fn error(source: &str) -> (String, String, usize) {
        match check(source) {
            Ok(()) => (String::new(), String::new(), 0),
            Err(PythonError {
                kind,
                message,
                line,
                ..
            }) => (kind, message, line),
        }
    }

    #[test]
    fn async_generators_and_async_for_compile() {
        for source in [
            "async def f():\n    yield 1\n    await g()\n    return\n",
            "async def f(xs):\n    async for x in xs:\n        yield x\n    else:\n        pass\n",
            "async def f(xs):\n    return [x async for x in xs if x]\n",
        ] {
            assert_eq!(error(source), (String::new(), String::new(), 0), "{source}");
        }
    }

    #[test]
    fn misplaced_async_is_cpythons_syntax_error() {
        let cases = [
            (
                "async def f():\n    yield 1\n    return 2\n",
                "SyntaxError",
                "'return' with value in async generator",
                3,
            ),
            (
                "async def f():\n    return 2\n    yield 1\n",
                "SyntaxError",
                "'return' with value in async generator",
                2,
            ),
            (
                "async def f():\n    yield from g()\n",
                "SyntaxError",
                "'yield from' inside async function",
                2,
            ),
            (
                "def f(xs):\n    async for x in xs:\n        pass\n",
                "SyntaxError",
                "'async for' outside async function",
                2,
            ),
            (
                "async with x:\n    pass\n",
                "SyntaxError",
                "'async with' outside async function",
                1,
            ),
            ("await x\n", "SyntaxError", "'await' outside function", 1),
            (
                "def f(xs):\n    return [x async for x in xs]\n",
                "SyntaxError",
                "asynchronous comprehension outside of an asynchronous function",
                2,
            ),
        ];
        for (source, kind, message, line) in cases {
            assert_eq!(
                error(source),
                (kind.to_owned(), message.to_owned(), line),
                "{source}"
            );
        }
    }
}
