//! `def`, `lambda` bodies and `class`: a function's code compiled in a unit of its
//! own, its defaults and closure made at run time.

use super::{Compiler, FunctionBody, Result, Unit, NO_PARAMS};
use crate::python::code::{Code, Const, Instr, Kind, Params};
use crate::python::scope::{function_scope, param_names, Body, ScopeInfo};
use crate::python::value::Value;
use ruff_python_ast::{self as ast, Expr};
use ruff_text_size::Ranged;
use std::sync::Arc;

impl<'a> Compiler<'a> {
    /// `class Name(Base): body`: the body runs once, as a function whose names go
    /// to the class's namespace; `BuildClass` makes the class of it.
    pub(super) fn class_def(&mut self, class: &'a ast::StmtClassDef) -> Result<()> {
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

    pub(super) fn function_def(&mut self, def: &'a ast::StmtFunctionDef) -> Result<()> {
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
    pub(super) fn make_function(
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
    pub(super) fn emit_closure(&mut self, code: &Arc<Code>, mut flags: u32) -> Result<()> {
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
    pub(super) fn begin_function(
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

    pub(super) fn compile_function(
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
