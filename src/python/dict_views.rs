//! `dict.keys()`, `dict.values()`, `dict.items()`: views of the dict as it is when
//! they are looked at, shown as CPython shows them (`dict_keys(['a', 'b'])`).

use super::value::{locked, Dict, Key, NativeObject, Value};
use std::sync::Arc;

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Keys,
    Values,
    Items,
}

pub struct DictView {
    dict: Arc<Dict>,
    kind: Kind,
}

/// A view of `dict` (any other value: an empty one).
pub fn view(dict: &Value, kind: Kind) -> Value {
    let dict = match dict {
        Value::Dict(d) => d.clone(),
        _ => Arc::new(Dict::default()),
    };
    Value::Native(Arc::new(DictView { dict, kind }))
}

impl NativeObject for DictView {
    fn type_name(&self) -> &'static str {
        match self.kind {
            Kind::Keys => "dict_keys",
            Kind::Values => "dict_values",
            Kind::Items => "dict_items",
        }
    }

    fn methods(&self) -> &'static [(&'static str, super::builtins::NativeFn)] {
        &[]
    }

    fn items(&self) -> Option<Vec<Value>> {
        let entries = locked(&self.dict.entries);
        Some(
            entries
                .iter()
                .map(|(k, v)| match self.kind {
                    Kind::Keys => k.clone(),
                    Kind::Values => v.clone(),
                    Kind::Items => Value::tuple(vec![k.clone(), v.clone()]),
                })
                .collect(),
        )
    }

    fn length(&self) -> Option<usize> {
        Some(locked(&self.dict.entries).len)
    }

    fn contains_key(&self, key: &Key) -> Option<bool> {
        (self.kind == Kind::Keys).then(|| locked(&self.dict.entries).get(key).is_some())
    }

    fn repr(&self, items: &[String]) -> Option<String> {
        Some(format!("{}([{}])", self.type_name(), items.join(", ")))
    }
}
