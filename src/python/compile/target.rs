//! Assignment and `del` targets: names, attributes, subscripts, and tuples and
//! lists of them with a starred one.

use super::expr::describe;
use super::{Compiler, Result};
use crate::python::code::Instr;
use crate::python::value::Value;
use ruff_python_ast::{self as ast, Expr};

impl<'a> Compiler<'a> {
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
