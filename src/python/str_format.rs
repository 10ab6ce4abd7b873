//! `str.format` and `str.format_map`: replacement fields with positional and
//! keyword names, `.attr` and `[key]` lookups, `!r`/`!s`/`!a` and format specs that
//! hold fields of their own (`{:>{width}}`), with CPython's error messages.

use super::exceptions::new_exception;
use super::value::Value;
use super::vm::{PyResult, Vm};
use std::sync::Arc;

struct Fields<'a> {
    args: &'a [Value],
    kwargs: &'a [(Arc<str>, Value)],
    /// `format_map`'s mapping, which names are looked up in instead.
    mapping: Option<&'a Value>,
    /// The next `{}`'s index; `None` once a field was numbered by hand.
    auto: Option<usize>,
    /// A field was numbered by hand (`{0}`).
    manual: bool,
}

/// `template.format(*args, **kwargs)`.
pub fn format(
    vm: &mut Vm,
    template: &str,
    args: &[Value],
    kwargs: &[(Arc<str>, Value)],
) -> PyResult<String> {
    let mut fields = Fields {
        args,
        kwargs,
        mapping: None,
        auto: Some(0),
        manual: false,
    };
    fields.render(vm, template, 2)
}

/// `template.format_map(mapping)`.
pub fn format_map(vm: &mut Vm, template: &str, mapping: &Value) -> PyResult<String> {
    let mut fields = Fields {
        args: &[],
        kwargs: &[],
        mapping: Some(mapping),
        auto: Some(0),
        manual: false,
    };
    fields.render(vm, template, 2)
}

impl Fields<'_> {
    /// The template with its fields filled in; `depth`: how many more levels of
    /// fields inside specs are allowed.
    fn render(&mut self, vm: &mut Vm, template: &str, depth: u32) -> PyResult<String> {
        if depth == 0 {
            return Err(vm.error("ValueError", "Max string recursion exceeded"));
        }
        let chars: Vec<char> = template.chars().collect();
        let mut out = String::new();
        let mut i = 0;
        while let Some(&c) = chars.get(i) {
            let next = chars.get(i + 1).copied();
            match c {
                '{' if next == Some('{') => {
                    out.push('{');
                    i += 2;
                }
                '}' if next == Some('}') => {
                    out.push('}');
                    i += 2;
                }
                '}' => {
                    return Err(vm.error("ValueError", "Single '}' encountered in format string"))
                }
                '{' => {
                    if next.is_none() {
                        return Err(
                            vm.error("ValueError", "Single '{' encountered in format string")
                        );
                    }
                    let (mut level, mut j, mut bracket) = (1, i + 1, false);
                    while let Some(&d) = chars.get(j) {
                        match d {
                            '[' => bracket = true,
                            ']' => bracket = false,
                            '{' if !bracket => level += 1,
                            '}' if !bracket => {
                                level -= 1;
                                if level == 0 {
                                    break;
                                }
                            }
                            _ => {}
                        }
                        j += 1;
                    }
                    if j >= chars.len() {
                        return Err(vm.error("ValueError", "expected '}' before end of string"));
                    }
                    let field: String = chars.get(i + 1..j).unwrap_or(&[]).iter().collect();
                    out.push_str(&self.field(vm, &field, depth)?);
                    i = j + 1;
                }
                c => {
                    out.push(c);
                    i += 1;
                }
            }
        }
        Ok(out)
    }

    /// One replacement field, without its braces.
    fn field(&mut self, vm: &mut Vm, field: &str, depth: u32) -> PyResult<String> {
        // The name ends at the first `!` or `:` outside brackets.
        let mut bracket = false;
        let end = field
            .char_indices()
            .find(|&(_, c)| {
                match c {
                    '[' => bracket = true,
                    ']' => bracket = false,
                    _ => {}
                }
                !bracket && (c == '!' || c == ':')
            })
            .map_or(field.len(), |(i, _)| i);
        let (name, rest) = field.split_at(end);
        let (conversion, spec) = match rest.strip_prefix('!') {
            Some(conv) => {
                let mut chars = conv.chars();
                let code = match chars.next() {
                    Some('s') => 1,
                    Some('r') => 2,
                    Some('a') => 3,
                    Some(other) => {
                        return Err(vm.error(
                            "ValueError",
                            format!("Unknown conversion specifier {other}"),
                        ))
                    }
                    None => {
                        return Err(vm.error(
                            "ValueError",
                            "end of string while looking for conversion specifier",
                        ))
                    }
                };
                let after = chars.as_str();
                match after.strip_prefix(':') {
                    Some(spec) => (code, spec),
                    None if after.is_empty() => (code, ""),
                    None => {
                        return Err(
                            vm.error("ValueError", "expected ':' after conversion specifier")
                        )
                    }
                }
            }
            None => (0, rest.strip_prefix(':').unwrap_or("")),
        };
        let value = self.lookup(vm, name)?;
        let spec = if spec.contains('{') {
            self.render(vm, spec, depth - 1)?
        } else {
            spec.to_owned()
        };
        vm.format_value(&value, conversion, Some(&Value::str(&spec)))
    }

    /// The value a field name stands for: `0`, `name`, `0.attr`, `name[key]`.
    fn lookup(&mut self, vm: &mut Vm, name: &str) -> PyResult<Value> {
        let first_end = name.find(['.', '[']).unwrap_or(name.len());
        let (first, mut rest) = name.split_at(first_end);
        let mut value = if first.is_empty() {
            let Some(at) = self.auto else {
                return Err(vm.error(
                    "ValueError",
                    "cannot switch from manual field specification to automatic field numbering",
                ));
            };
            if self.manual {
                return Err(vm.error(
                    "ValueError",
                    "cannot switch from manual field specification to automatic field numbering",
                ));
            }
            self.auto = Some(at + 1);
            self.positional(vm, at)?
        } else if let Ok(at) = first.parse::<usize>() {
            if self.auto != Some(0) {
                return Err(vm.error(
                    "ValueError",
                    "cannot switch from automatic field numbering to manual field specification",
                ));
            }
            self.manual = true;
            self.positional(vm, at)?
        } else {
            self.keyword(vm, first)?
        };
        while !rest.is_empty() {
            if let Some(after) = rest.strip_prefix('.') {
                let end = after.find(['.', '[']).unwrap_or(after.len());
                let (attr, more) = after.split_at(end);
                if attr.is_empty() {
                    return Err(vm.error("ValueError", "Empty attribute in format string"));
                }
                value = vm.get_attr(&value, attr)?;
                rest = more;
            } else if let Some(after) = rest.strip_prefix('[') {
                let Some(end) = after.find(']') else {
                    return Err(vm.error("ValueError", "Missing ']' in format string"));
                };
                let key = &after[..end];
                let key = match key.parse::<i64>() {
                    Ok(i) if !key.starts_with(['-', '+']) => Value::Int(i),
                    _ => Value::str(key),
                };
                value = vm.get_item(&value, &key)?;
                rest = &after[end + 1..];
            } else {
                return Err(vm.error(
                    "ValueError",
                    "Only '.' or '[' may follow ']' in format field specifier",
                ));
            }
        }
        Ok(value)
    }

    fn positional(&self, vm: &Vm, at: usize) -> PyResult<Value> {
        self.args.get(at).cloned().ok_or_else(|| {
            vm.error(
                "IndexError",
                format!("Replacement index {at} out of range for positional args tuple"),
            )
        })
    }

    fn keyword(&self, vm: &mut Vm, name: &str) -> PyResult<Value> {
        if let Some(mapping) = self.mapping {
            return vm.get_item(mapping, &Value::str(name));
        }
        self.kwargs
            .iter()
            .find(|(k, _)| &**k == name)
            .map(|(_, v)| v.clone())
            .ok_or_else(|| new_exception(vm.classes().get("KeyError"), vec![Value::str(name)]))
    }
}
