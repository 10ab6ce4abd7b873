//! Which names of a function body are its locals, which it declares `global` or
//! `nonlocal`, and which it reads from an enclosing function (its free variables):
//! what the compiler needs to choose between a slot, a cell and the globals.

use ruff_python_ast::visitor::{walk_expr, walk_stmt, Visitor};
use ruff_python_ast::{self as ast, Expr, ExprContext, Stmt};
use std::collections::BTreeSet;
use std::sync::Arc;

/// What a scope does with names.
#[derive(Default, Debug)]
pub struct ScopeInfo {
    /// Names bound here (parameters first, in order), less the declared ones.
    pub locals: Vec<Arc<str>>,
    pub globals: BTreeSet<Arc<str>>,
    pub nonlocals: BTreeSet<Arc<str>>,
    /// Names read here or in an inner scope and bound in neither: found in an
    /// enclosing function, or else global.
    pub free: BTreeSet<Arc<str>>,
    /// Locals of this scope that an inner scope reads: they live in cells.
    pub captured: Vec<Arc<str>>,
}

/// Analyzes a function (or lambda, or comprehension) whose parameters are `params`.
pub fn function_scope(params: &[Arc<str>], body: Body<'_>) -> ScopeInfo {
    let mut walker = Walker::default();
    for name in params {
        walker.bind(name);
    }
    match body {
        Body::Stmts(stmts) => stmts.iter().for_each(|s| walker.visit_stmt(s)),
        Body::Expr(expr) => walker.visit_expr(expr),
        Body::Comprehension(elts, generators) => walker.comprehension_body(&elts, generators),
    }
    walker.finish()
}

/// The body of a scope.
pub enum Body<'a> {
    Stmts(&'a [Stmt]),
    Expr(&'a Expr),
    /// A comprehension's own scope: its elements, its `for … if …` clauses but for
    /// the first iterable (evaluated outside).
    Comprehension(Vec<&'a Expr>, &'a [ast::Comprehension]),
}

#[derive(Default)]
struct Walker {
    bound: Vec<Arc<str>>,
    read: BTreeSet<Arc<str>>,
    globals: BTreeSet<Arc<str>>,
    nonlocals: BTreeSet<Arc<str>>,
    /// Free variables of inner scopes.
    inner_free: BTreeSet<Arc<str>>,
}

impl Walker {
    fn bind(&mut self, name: &str) {
        if !self.bound.iter().any(|n| &**n == name) {
            self.bound.push(Arc::from(name));
        }
    }

    fn inner(&mut self, scope: ScopeInfo) {
        self.inner_free.extend(scope.free);
        self.inner_free.extend(scope.nonlocals);
    }

    fn comprehension_body<'a>(&mut self, elts: &[&'a Expr], generators: &'a [ast::Comprehension]) {
        for (i, generator) in generators.iter().enumerate() {
            if i > 0 {
                self.visit_expr(&generator.iter);
            }
            self.visit_expr(&generator.target);
            for condition in &generator.ifs {
                self.visit_expr(condition);
            }
        }
        for elt in elts {
            self.visit_expr(elt);
        }
    }

    fn finish(self) -> ScopeInfo {
        let declared = |n: &Arc<str>| self.globals.contains(n) || self.nonlocals.contains(n);
        let locals: Vec<Arc<str>> = self
            .bound
            .iter()
            .filter(|n| !declared(n))
            .cloned()
            .collect();
        let free = self
            .read
            .iter()
            .chain(&self.inner_free)
            .filter(|n| !locals.contains(n) && !self.globals.contains(*n))
            .cloned()
            .collect();
        let captured = locals
            .iter()
            .filter(|n| self.inner_free.contains(*n))
            .cloned()
            .collect();
        ScopeInfo {
            captured,
            locals,
            globals: self.globals,
            nonlocals: self.nonlocals,
            free,
        }
    }
}

/// The parameter names of a `def` or `lambda`, in slot order.
pub fn param_names(params: Option<&ast::Parameters>) -> Vec<Arc<str>> {
    let Some(p) = params else {
        return Vec::new();
    };
    let mut names: Vec<Arc<str>> = p
        .posonlyargs
        .iter()
        .chain(&p.args)
        .map(|a| Arc::from(a.parameter.name.as_str()))
        .collect();
    names.extend(
        p.kwonlyargs
            .iter()
            .map(|a| Arc::from(a.parameter.name.as_str())),
    );
    names.extend(p.vararg.iter().map(|a| Arc::from(a.name.as_str())));
    names.extend(p.kwarg.iter().map(|a| Arc::from(a.name.as_str())));
    names
}

impl<'a> Visitor<'a> for Walker {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        match stmt {
            Stmt::FunctionDef(def) => {
                self.bind(def.name.as_str());
                for decorator in &def.decorator_list {
                    self.visit_expr(&decorator.expression);
                }
                let params = &def.parameters;
                for default in params
                    .iter_non_variadic_params()
                    .filter_map(|p| p.default.as_deref())
                {
                    self.visit_expr(default);
                }
                let names = param_names(Some(params));
                self.inner(function_scope(&names, Body::Stmts(&def.body)));
            }
            Stmt::ClassDef(class) => {
                self.bind(class.name.as_str());
                walk_stmt(self, stmt);
            }
            Stmt::Global(global) => {
                self.globals
                    .extend(global.names.iter().map(|n| Arc::from(n.as_str())));
            }
            Stmt::Nonlocal(nonlocal) => {
                self.nonlocals
                    .extend(nonlocal.names.iter().map(|n| Arc::from(n.as_str())));
            }
            Stmt::Import(import) => {
                for alias in &import.names {
                    let name = alias.asname.as_ref().map_or_else(
                        || alias.name.as_str().split('.').next().unwrap_or_default(),
                        |a| a.as_str(),
                    );
                    self.bind(name);
                }
            }
            Stmt::ImportFrom(import) => {
                for alias in &import.names {
                    self.bind(alias.asname.as_ref().unwrap_or(&alias.name).as_str());
                }
            }
            Stmt::Try(t) => {
                for handler in &t.handlers {
                    let ast::ExceptHandler::ExceptHandler(h) = handler;
                    if let Some(name) = &h.name {
                        self.bind(name.as_str());
                    }
                }
                walk_stmt(self, stmt);
            }
            _ => walk_stmt(self, stmt),
        }
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        match expr {
            Expr::Name(name) => match name.ctx {
                ExprContext::Load => {
                    self.read.insert(Arc::from(name.id.as_str()));
                }
                _ => self.bind(name.id.as_str()),
            },
            Expr::Lambda(lambda) => {
                if let Some(params) = &lambda.parameters {
                    for default in params
                        .iter_non_variadic_params()
                        .filter_map(|p| p.default.as_deref())
                    {
                        self.visit_expr(default);
                    }
                }
                let names = param_names(lambda.parameters.as_deref());
                self.inner(function_scope(&names, Body::Expr(&lambda.body)));
            }
            Expr::ListComp(c) => self.comprehension(&[&c.elt], &c.generators),
            Expr::SetComp(c) => self.comprehension(&[&c.elt], &c.generators),
            Expr::Generator(c) => self.comprehension(&[&c.elt], &c.generators),
            Expr::DictComp(c) => match &c.key {
                Some(key) => self.comprehension(&[key, &c.value], &c.generators),
                None => self.comprehension(&[&c.value], &c.generators),
            },
            Expr::Named(named) => {
                self.visit_expr(&named.value);
                self.visit_expr(&named.target);
            }
            _ => walk_expr(self, expr),
        }
    }
}

impl<'a> Walker {
    fn comprehension(&mut self, elts: &[&'a Expr], generators: &'a [ast::Comprehension]) {
        // The first iterable is evaluated in this scope, the rest in the comprehension's.
        if let Some(first) = generators.first() {
            self.visit_expr(&first.iter);
        }
        let params = [Arc::from(".0")];
        self.inner(function_scope(
            &params,
            Body::Comprehension(elts.to_vec(), generators),
        ));
    }
}
