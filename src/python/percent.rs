//! `template % args` for str: the arguments (a tuple, one value, or a mapping for
//! `%(name)s`) handed to `format::percent_format`, with `str()`/`repr()` of
//! program-made objects calling their `__str__`/`__repr__`.

use super::exceptions::new_exception;
use super::format;
use super::ops::{big, float};
use super::value::{locked, Value};
use super::vm::{PyResult, Vm};
use std::borrow::Cow;

impl Vm {
    /// The values a template's conversions take, and the template without its
    /// `(name)` keys.
    fn percent_items<'t>(
        &self,
        template: &'t str,
        args: &Value,
    ) -> PyResult<(Cow<'t, str>, Vec<Value>)> {
        Ok(match args {
            Value::Tuple(t) => (Cow::Borrowed(template), t.to_vec()),
            // `%(name)s`: the values by name from the mapping.
            Value::Dict(d) if template.contains("%(") => {
                let (bare, keys) = format::mapping_keys(template)
                    .map_err(|m| self.error(format::exception_type_of(&m), m))?;
                let entries = locked(&d.entries).clone();
                let mut items = Vec::with_capacity(keys.len());
                for key in keys {
                    items.push(match key {
                        Some(key) => {
                            let key = Value::str(&key);
                            entries.get(&self.key(&key)?).cloned().ok_or_else(|| {
                                new_exception(self.classes().get("KeyError"), vec![key])
                            })?
                        }
                        None => args.clone(),
                    });
                }
                (Cow::Owned(bare), items)
            }
            other => (Cow::Borrowed(template), vec![other.clone()]),
        })
    }

    fn percent_with(&self, template: &str, items: &[Value], texts: Vec<Texts>) -> PyResult<Value> {
        let wrapped: Vec<PercentValue<'_>> = items
            .iter()
            .zip(texts)
            .map(|(value, texts)| PercentValue {
                vm: self,
                value,
                texts,
            })
            .collect();
        let refs: Vec<&dyn format::PercentArg> = wrapped
            .iter()
            .map(|w| w as &dyn format::PercentArg)
            .collect();
        format::percent_format(template, &refs)
            .map(|text| Value::str(&text))
            .map_err(|message| self.error(format::exception_type_of(&message), message))
    }

    /// `template % args`, for values whose `str` and `repr` need no Python code.
    pub fn percent(&self, template: &str, args: &Value) -> PyResult<Value> {
        let (template, items) = self.percent_items(template, args)?;
        let texts = items.iter().map(|_| Texts::default()).collect();
        self.percent_with(&template, &items, texts)
    }

    /// `template % args`, calling `__str__` and `__repr__` where there are some.
    pub fn percent_mut(&mut self, template: &str, args: &Value) -> PyResult<Value> {
        let (template, items) = self.percent_items(template, args)?;
        let mut texts = Vec::with_capacity(items.len());
        for item in &items {
            texts.push(match item {
                Value::Instance(_)
                | Value::Exception(_)
                | Value::List(_)
                | Value::Tuple(_)
                | Value::Dict(_) => Texts {
                    str: Some(self.display(item, false)?),
                    repr: Some(self.display(item, true)?),
                },
                _ => Texts::default(),
            });
        }
        self.percent_with(&template, &items, texts)
    }
}

/// `str()` and `repr()` of a value, made beforehand where they run Python code.
#[derive(Default)]
struct Texts {
    str: Option<String>,
    repr: Option<String>,
}

/// A value as `%`-formatting sees it.
struct PercentValue<'a> {
    vm: &'a Vm,
    value: &'a Value,
    texts: Texts,
}

impl format::PercentArg for PercentValue<'_> {
    fn as_int(&self) -> Option<num_bigint::BigInt> {
        big(self.value)
    }
    fn as_float(&self) -> Option<f64> {
        float(self.value)
    }
    fn to_str(&self) -> String {
        self.texts
            .str
            .clone()
            .unwrap_or_else(|| self.vm.str(self.value))
    }
    fn to_repr(&self) -> String {
        self.texts
            .repr
            .clone()
            .unwrap_or_else(|| self.vm.repr(self.value))
    }
    fn type_name(&self) -> String {
        self.value.type_name().to_owned()
    }
}
