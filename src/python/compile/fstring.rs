//! f-strings: their literal parts, and each `{value!conversion:spec}` formatted.

use super::{Compiler, Result};
use crate::python::code::Instr;
use crate::python::value::Value;
use ruff_python_ast as ast;

impl<'a> Compiler<'a> {
    pub(super) fn fstring(&mut self, f: &'a ast::ExprFString) -> Result<()> {
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
}
