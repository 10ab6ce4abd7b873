//! The source's layers stay layers: the runtime knows nothing of the interpreter or
//! the page, the interpreter nothing of the page, and no two modules of the runtime
//! import each other in a circle.

#![allow(clippy::unwrap_used, clippy::panic)] // a test stops loudly

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files
}

/// The file without its unit tests (they may reach anywhere) and its comments.
fn code_of(path: &Path) -> String {
    let text = fs::read_to_string(path).unwrap();
    let text = text
        .split("#[cfg(test)]\nmod tests")
        .next()
        .unwrap_or_default();
    text.lines()
        .filter(|line| !line.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The names `prefix` is followed by in `code` (`crate::runtime::` → `sync`, …).
fn names_after(code: &str, prefix: &str) -> BTreeSet<String> {
    code.match_indices(prefix)
        .map(|(at, _)| {
            code[at + prefix.len()..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect()
        })
        .filter(|name: &String| !name.is_empty())
        .collect()
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

#[test]
fn the_runtime_and_the_interpreter_never_reach_up_a_layer() {
    for (layer, above) in [
        ("runtime", &["python", "web"][..]),
        ("python", &["web"][..]),
    ] {
        let files = rust_files(&src().join(layer));
        assert!(files.len() > 5, "{layer}: {} files", files.len());
        for file in files {
            let used = names_after(&code_of(&file), "crate::");
            for name in above {
                assert!(
                    !used.contains(*name),
                    "{} uses crate::{name}",
                    file.display()
                );
            }
        }
    }
}

#[test]
fn no_two_modules_of_the_runtime_import_each_other_in_a_circle() {
    let mut deps: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in rust_files(&src().join("runtime")) {
        let mut name = file.file_stem().unwrap().to_string_lossy().into_owned();
        if name == "mod" {
            // `runtime/mod.rs` only lists the modules; `plan/mod.rs` is `plan`.
            let dir = file.parent().and_then(Path::file_name).unwrap();
            if dir == "runtime" {
                continue;
            }
            name = dir.to_string_lossy().into_owned();
        }
        let code = code_of(&file);
        let mut used = names_after(&code, "crate::runtime::");
        used.extend(names_after(&code, "super::"));
        used.remove(&name);
        deps.insert(name, used);
    }
    assert!(
        deps.contains_key("program") && deps.contains_key("recorder"),
        "{deps:?}"
    );
    // Take away, again and again, the modules that use none of those left: a
    // circle is what never goes.
    let mut left = deps.clone();
    while let Some(leaf) = left
        .iter()
        .find(|(_, used)| used.iter().all(|u| !left.contains_key(u)))
        .map(|(name, _)| name.clone())
    {
        left.remove(&leaf);
    }
    assert!(left.is_empty(), "modules in a circle: {left:?}");
}
