//! Expressions, assignment targets, comprehensions and f-strings.

use super::{Compiler, Result};
use crate::python::code::{BinOp, CmpOp, Instr, UnOp};
use crate::python::scope::{function_scope, Body};
use crate::python::value::Value;
use num_bigint::BigInt;
use ruff_python_ast::{self as ast, Expr, Number, Operator};
use std::sync::Arc;

pub fn bin_op(op: Operator) -> BinOp {
    match op {
        Operator::Add => BinOp::Add,
        Operator::Sub => BinOp::Sub,
        Operator::Mult => BinOp::Mul,
        Operator::MatMult => BinOp::MatMul,
        Operator::Div => BinOp::TrueDiv,
        Operator::Mod => BinOp::Mod,
        Operator::Pow => BinOp::Pow,
        Operator::LShift => BinOp::LShift,
        Operator::RShift => BinOp::RShift,
        Operator::BitOr => BinOp::Or,
        Operator::BitXor => BinOp::Xor,
        Operator::BitAnd => BinOp::And,
        Operator::FloorDiv => BinOp::FloorDiv,
    }
}

fn cmp_op(op: ast::CmpOp) -> CmpOp {
    match op {
        ast::CmpOp::Eq => CmpOp::Eq,
        ast::CmpOp::NotEq => CmpOp::Ne,
        ast::CmpOp::Lt => CmpOp::Lt,
        ast::CmpOp::LtE => CmpOp::Le,
        ast::CmpOp::Gt => CmpOp::Gt,
        ast::CmpOp::GtE => CmpOp::Ge,
        ast::CmpOp::Is => CmpOp::Is,
        ast::CmpOp::IsNot => CmpOp::IsNot,
        ast::CmpOp::In => CmpOp::In,
        ast::CmpOp::NotIn => CmpOp::NotIn,
    }
}

impl<'a> Compiler<'a> {
    pub(super) fn expr(&mut self, expr: &'a Expr) -> Result<()> {
        match expr {
            Expr::NumberLiteral(n) => match &n.value {
                Number::Int(i) => {
                    let value = match i.as_i64() {
                        Some(small) => Value::Int(small),
                        None => {
                            let text = i.to_string().replace('_', "");
                            let big = parse_int_literal(&text).ok_or_else(|| {
                                self.syntax_error("invalid integer literal", expr)
                            })?;
                            Value::BigInt(Arc::new(big))
                        }
                    };
                    self.load_const(value);
                }
                Number::Float(f) => self.load_const(Value::Float(*f)),
                Number::Complex { .. } => return Err(self.not_supported("complex numbers", expr)),
            },
            Expr::StringLiteral(s) => self.load_const(Value::str(s.value.to_str())),
            Expr::BooleanLiteral(b) => self.load_const(Value::Bool(b.value)),
            Expr::NoneLiteral(_) => self.load_const(Value::None),
            Expr::BytesLiteral(b) => {
                self.load_const(crate::python::bytes::new(b.value.bytes().collect()))
            }
            Expr::EllipsisLiteral(_) => return Err(self.not_supported("...", expr)),
            Expr::Name(name) => self.load_name(name.id.as_str()),
            Expr::BinOp(b) => {
                self.expr(&b.left)?;
                self.expr(&b.right)?;
                self.emit(Instr::Binary(bin_op(b.op)));
            }
            Expr::UnaryOp(u) => {
                self.expr(&u.operand)?;
                self.emit(Instr::Unary(match u.op {
                    ast::UnaryOp::Invert => UnOp::Invert,
                    ast::UnaryOp::Not => UnOp::Not,
                    ast::UnaryOp::UAdd => UnOp::Pos,
                    ast::UnaryOp::USub => UnOp::Neg,
                }));
            }
            Expr::BoolOp(b) => {
                let mut ends = Vec::new();
                for (i, value) in b.values.iter().enumerate() {
                    self.expr(value)?;
                    if i + 1 < b.values.len() {
                        ends.push(self.emit(match b.op {
                            ast::BoolOp::And => Instr::JumpIfFalseOrPop(0),
                            ast::BoolOp::Or => Instr::JumpIfTrueOrPop(0),
                        }));
                    }
                }
                for end in ends {
                    self.patch_here(end);
                }
            }
            Expr::Compare(c) => self.compare(c)?,
            Expr::If(i) => {
                self.expr(&i.test)?;
                let other = self.emit(Instr::PopJumpIfFalse(0));
                self.expr(&i.body)?;
                let end = self.emit(Instr::Jump(0));
                self.patch_here(other);
                self.expr(&i.orelse)?;
                self.patch_here(end);
            }
            Expr::Call(call) => self.call(call)?,
            Expr::Attribute(a) => {
                self.expr(&a.value)?;
                let at = self.name(a.attr.as_str());
                self.emit(Instr::LoadAttr(at));
            }
            Expr::Subscript(s) => {
                self.expr(&s.value)?;
                self.expr(&s.slice)?;
                self.emit(Instr::LoadSubscr);
            }
            Expr::Slice(s) => {
                for part in [&s.lower, &s.upper, &s.step] {
                    match part {
                        Some(e) => self.expr(e)?,
                        None => self.load_const(Value::None),
                    }
                }
                self.emit(Instr::BuildSlice(3));
            }
            Expr::List(l) => self.sequence(&l.elts, Instr::BuildList, false)?,
            Expr::Tuple(t) => self.sequence(&t.elts, Instr::BuildTuple, true)?,
            Expr::Set(s) => {
                if s.elts.iter().any(|e| e.is_starred_expr()) {
                    // {*a, b}: the items as a list, then the set of it.
                    let at = self.name("set");
                    self.emit(Instr::LoadGlobal(at));
                    self.sequence(&s.elts, Instr::BuildList, false)?;
                    self.emit(Instr::Call(1));
                } else {
                    for elt in &s.elts {
                        self.expr(elt)?;
                    }
                    self.emit(Instr::BuildSet(s.elts.len() as u32));
                }
            }
            Expr::Dict(d) if d.items.iter().all(|item| item.key.is_some()) => {
                for item in &d.items {
                    if let Some(key) = &item.key {
                        self.expr(key)?;
                    }
                    self.expr(&item.value)?;
                }
                self.emit(Instr::BuildMap(d.items.len() as u32));
            }
            Expr::Dict(d) => {
                // {**a, 'k': v}: built up in order.
                self.emit(Instr::BuildMap(0));
                for item in &d.items {
                    match &item.key {
                        Some(key) => {
                            self.expr(key)?;
                            self.expr(&item.value)?;
                            self.emit(Instr::MapAdd(1));
                        }
                        None => {
                            self.expr(&item.value)?;
                            self.emit(Instr::DictUpdate);
                        }
                    }
                }
            }
            Expr::FString(f) => self.fstring(f)?,
            Expr::ListComp(c) => {
                self.comprehension("<listcomp>", &[&c.elt], &c.generators, Kind::List)?
            }
            Expr::SetComp(c) => {
                self.comprehension("<setcomp>", &[&c.elt], &c.generators, Kind::Set)?
            }
            Expr::DictComp(c) => {
                let Some(key) = &c.key else {
                    return Err(self.not_supported("** in a dict comprehension", expr));
                };
                self.comprehension("<dictcomp>", &[key, &c.value], &c.generators, Kind::Dict)?
            }
            Expr::Generator(c) => {
                self.comprehension("<genexpr>", &[&c.elt], &c.generators, Kind::Generator)?
            }
            Expr::Lambda(l) => {
                self.make_function(
                    "<lambda>",
                    l.parameters.as_deref(),
                    super::FunctionBody::Expr(&l.body),
                    expr,
                    false,
                )?;
            }
            Expr::Named(n) => {
                self.expr(&n.value)?;
                self.emit(Instr::Dup);
                self.store(&n.target)?;
            }
            Expr::Starred(_) => {
                return Err(self.syntax_error("can't use starred expression here", expr))
            }
            Expr::Await(a) => self.await_expr(a)?,
            Expr::Yield(y) => self.yield_expr(y)?,
            Expr::YieldFrom(y) => self.yield_from(y)?,
            Expr::TString(_) => return Err(self.not_supported("template strings", expr)),
            Expr::IpyEscapeCommand(_) => return Err(self.syntax_error("invalid syntax", expr)),
        }
        Ok(())
    }

    fn compare(&mut self, c: &'a ast::ExprCompare) -> Result<()> {
        let Some((left, rights)) = c.operands.split_first() else {
            return Ok(());
        };
        self.expr(left)?;
        let n = c.ops.len();
        let mut cleanups = Vec::new();
        for (i, (op, right)) in c.ops.iter().zip(rights).enumerate() {
            self.expr(right)?;
            if i + 1 < n {
                // a < b < c: keep b for the next comparison, stop at the first false.
                self.emit(Instr::Dup);
                self.emit(Instr::Rot3);
                self.emit(Instr::Compare(cmp_op(*op)));
                cleanups.push(self.emit(Instr::JumpIfFalseOrPop(0)));
            } else {
                self.emit(Instr::Compare(cmp_op(*op)));
            }
        }
        if !cleanups.is_empty() {
            let end = self.emit(Instr::Jump(0));
            for at in cleanups {
                self.patch_here(at);
            }
            // The false result is on top of the kept operand.
            self.emit(Instr::Rot2);
            self.emit(Instr::Pop);
            self.patch_here(end);
        }
        Ok(())
    }

    fn call(&mut self, call: &'a ast::ExprCall) -> Result<()> {
        let args = &call.arguments;
        let starred = args.args.iter().any(Expr::is_starred_expr)
            || args.keywords.iter().any(|k| k.arg.is_none());
        let method = match &*call.func {
            Expr::Attribute(a) if !starred => Some(a),
            _ => None,
        };
        match method {
            Some(a) => {
                self.expr(&a.value)?;
                let at = self.name(a.attr.as_str());
                self.emit(Instr::LoadMethod(at));
            }
            None => self.expr(&call.func)?,
        }
        self.set_line(call);
        if starred {
            // f(*a, b, **k): a tuple of the positional ones and a dict of the keywords.
            self.emit(Instr::BuildList(0));
            for arg in &args.args {
                match arg {
                    Expr::Starred(s) => {
                        self.expr(&s.value)?;
                        self.emit(Instr::ListExtend);
                    }
                    other => {
                        self.expr(other)?;
                        self.emit(Instr::ListAppend(1));
                    }
                }
            }
            self.emit(Instr::BuildMap(0));
            for keyword in &args.keywords {
                match &keyword.arg {
                    Some(name) => {
                        self.load_const(Value::str(name.as_str()));
                        self.expr(&keyword.value)?;
                        self.emit(Instr::MapAdd(1));
                    }
                    None => {
                        self.expr(&keyword.value)?;
                        self.emit(Instr::DictUpdate);
                    }
                }
            }
            self.emit(Instr::CallEx);
            return Ok(());
        }
        for arg in &args.args {
            self.expr(arg)?;
        }
        if args.keywords.is_empty() {
            let n = args.args.len() as u32;
            self.emit(if method.is_some() {
                Instr::CallMethod(n)
            } else {
                Instr::Call(n)
            });
            return Ok(());
        }
        let mut names = Vec::new();
        for keyword in &args.keywords {
            self.expr(&keyword.value)?;
            if let Some(name) = &keyword.arg {
                names.push(Value::str(name.as_str()));
            }
        }
        let n = (args.args.len() + args.keywords.len()) as u32;
        let at = self.add_const(super::Const::Value(Value::tuple(names)));
        self.emit(if method.is_some() {
            Instr::CallMethodKw(n, at)
        } else {
            Instr::CallKw(n, at)
        });
        Ok(())
    }

    /// A list or tuple display, with `*x` items spliced in.
    fn sequence(&mut self, elts: &'a [Expr], build: fn(u32) -> Instr, tuple: bool) -> Result<()> {
        if !elts.iter().any(Expr::is_starred_expr) {
            for elt in elts {
                self.expr(elt)?;
            }
            self.emit(build(elts.len() as u32));
            return Ok(());
        }
        self.emit(Instr::BuildList(0));
        for elt in elts {
            match elt {
                Expr::Starred(s) => {
                    self.expr(&s.value)?;
                    self.emit(Instr::ListExtend);
                }
                other => {
                    self.expr(other)?;
                    self.emit(Instr::ListAppend(1));
                }
            }
        }
        if tuple {
            let at = self.name("tuple");
            self.emit(Instr::LoadGlobal(at));
            self.emit(Instr::Rot2);
            self.emit(Instr::Call(1));
        }
        Ok(())
    }

    fn fstring(&mut self, f: &'a ast::ExprFString) -> Result<()> {
        let mut parts = 0;
        for part in f.value.iter() {
            match part {
                ast::FStringPartRef::Literal(s) => {
                    self.load_const(Value::str(&s.value));
                    parts += 1;
                }
                ast::FStringPartRef::FString(fs) => {
                    for element in &fs.elements {
                        self.interpolated(element)?;
                        parts += 1;
                    }
                }
            }
        }
        if parts != 1 {
            self.emit(Instr::BuildString(parts));
        }
        Ok(())
    }

    fn interpolated(&mut self, element: &'a ast::InterpolatedStringElement) -> Result<()> {
        match element {
            ast::InterpolatedStringElement::Literal(l) => self.load_const(Value::str(&l.value)),
            ast::InterpolatedStringElement::Interpolation(i) => {
                if i.debug_text.is_some() {
                    return Err(self.not_supported("f-string '=' debugging", element));
                }
                self.expr(&i.expression)?;
                let has_spec = i.format_spec.is_some();
                if let Some(spec) = &i.format_spec {
                    let n = spec.elements.len() as u32;
                    for element in &spec.elements {
                        self.interpolated(element)?;
                    }
                    if n != 1 {
                        self.emit(Instr::BuildString(n));
                    }
                }
                let conversion = match i.conversion {
                    ast::ConversionFlag::None => 0,
                    ast::ConversionFlag::Str => 1,
                    ast::ConversionFlag::Repr => 2,
                    ast::ConversionFlag::Ascii => 3,
                };
                self.emit(Instr::FormatValue(conversion, has_spec));
            }
        }
        Ok(())
    }

    fn comprehension(
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

    /// Stores the top of the stack into an assignment target.
    pub(super) fn store(&mut self, target: &'a Expr) -> Result<()> {
        match target {
            Expr::Name(name) => self.store_name(name.id.as_str()),
            Expr::Attribute(a) => {
                self.expr(&a.value)?;
                let at = self.name(a.attr.as_str());
                self.emit(Instr::StoreAttr(at));
            }
            Expr::Subscript(s) => {
                self.expr(&s.value)?;
                self.expr(&s.slice)?;
                self.emit(Instr::StoreSubscr);
            }
            Expr::Tuple(ast::ExprTuple { elts, .. }) | Expr::List(ast::ExprList { elts, .. }) => {
                match elts.iter().position(Expr::is_starred_expr) {
                    None => {
                        self.emit(Instr::UnpackSequence(elts.len() as u32));
                    }
                    Some(star) => {
                        let after = elts.len() - star - 1;
                        self.emit(Instr::UnpackEx(star as u32, after as u32));
                    }
                }
                for elt in elts {
                    match elt {
                        Expr::Starred(s) => self.store(&s.value)?,
                        other => self.store(other)?,
                    }
                }
            }
            Expr::Starred(_) => {
                return Err(self.syntax_error(
                    "starred assignment target must be in a list or tuple",
                    target,
                ))
            }
            other => {
                return Err(
                    self.syntax_error(&format!("cannot assign to {}", describe(other)), other)
                )
            }
        }
        Ok(())
    }

    pub(super) fn delete(&mut self, target: &'a Expr) -> Result<()> {
        match target {
            Expr::Name(name) => self.delete_name(name.id.as_str(), target)?,
            Expr::Subscript(s) => {
                self.expr(&s.value)?;
                self.expr(&s.slice)?;
                self.emit(Instr::DeleteSubscr);
            }
            Expr::Tuple(t) => {
                for elt in &t.elts {
                    self.delete(elt)?;
                }
            }
            // `del obj.name` is `delattr(obj, "name")`, the builtin itself as a
            // constant so that no name of the program can stand in for it.
            Expr::Attribute(attr) => {
                let Some(delattr) = crate::python::builtins::function("delattr") else {
                    return Err(self.not_supported("del of an attribute", target));
                };
                self.load_const(delattr);
                self.expr(&attr.value)?;
                self.load_const(Value::str(attr.attr.as_str()));
                self.emit(Instr::Call(2));
                self.emit(Instr::Pop);
            }
            other => return Err(self.not_supported("del of this target", other)),
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

fn describe(expr: &Expr) -> &'static str {
    match expr {
        Expr::NumberLiteral(_)
        | Expr::StringLiteral(_)
        | Expr::BooleanLiteral(_)
        | Expr::NoneLiteral(_) => "literal",
        Expr::Call(_) => "function call",
        Expr::BinOp(_) | Expr::UnaryOp(_) => "expression",
        Expr::Compare(_) => "comparison",
        _ => "expression",
    }
}

fn parse_int_literal(text: &str) -> Option<BigInt> {
    let lower = text.to_ascii_lowercase();
    let (digits, radix) = match lower.get(..2) {
        Some("0x") => (&lower[2..], 16),
        Some("0o") => (&lower[2..], 8),
        Some("0b") => (&lower[2..], 2),
        _ => (lower.as_str(), 10),
    };
    BigInt::parse_bytes(digits.as_bytes(), radix)
}
