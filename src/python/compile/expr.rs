//! Expressions, assignment targets, comprehensions and f-strings.

use super::comprehension::Kind;
use super::{Compiler, Result};
use crate::python::code::{BinOp, CmpOp, Instr, UnOp};
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
}

pub(super) fn describe(expr: &Expr) -> &'static str {
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
