//! Runs a Python file with potoki's interpreter: `cargo run --example pyrun -- file.py`.
fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: pyrun FILE.py");
        std::process::exit(2);
    };
    let source = match std::fs::read_to_string(&path) {
        Ok(source) => source,
        Err(error) => {
            eprintln!("{path}: {error}");
            std::process::exit(2);
        }
    };
    let output = potoki::python::run(&source);
    print!("{}", output.stdout);
    eprint!("{}", output.stderr);
    std::process::exit(i32::from(output.error.is_some()));
}
