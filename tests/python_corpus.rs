//! The interpreter against CPython 3.11: each program of `tests/python/` with the
//! output CPython printed for it (`generate.py` wrote those; never edit them).
//!
//! The interpreter grows step by step: the programs it runs so far are listed in
//! `RUNS`, and each of them must print exactly what CPython printed, stdout and
//! stderr alike. The test also says how many of the others already match, so a
//! program that starts to pass can join the list.

#![allow(clippy::unwrap_used, clippy::panic)] // a test stops loudly

mod common;

use std::path::Path;

/// The programs the interpreter runs as CPython does.
const RUNS: &[&str] = &[
    "001_print_basics",
    "002_int_arithmetic",
    "003_int_bigint",
    "004_int_floordiv_mod",
    "005_float_repr",
    "006_float_round",
    "007_float_inf_nan",
    "008_bool_none",
    "009_str_methods_split_join",
    "010_str_methods_case_pad",
    "011_str_format_method",
    "012_str_index_slice",
    "013_fstring_specs",
    "014_percent_format",
    "015_bytes",
    "016_list_methods",
    "017_slices_negative_steps",
    "018_tuples",
    "019_dicts",
    "020_sets",
    "021_range",
    "022_comprehensions",
    "023_chained_comparisons",
    "024_unpacking",
    "025_augmented_assignment",
    "026_assignment_targets",
    "027_function_defaults_kwonly",
    "028_args_kwargs",
    "029_closures",
    "030_global_nonlocal",
    "031_decorators",
    "032_lambda_sort_key",
    "033_generators",
    "034_generator_expressions_lazy",
    "035_if_elif_else",
    "036_loops_break_continue_else",
    "037_while_loops",
    "038_with_context_managers",
    "039_try_except_else_finally",
    "040_raise_from",
    "041_imports",
    "042_pass_assert_del",
    "043_class_basics",
    "044_inheritance_super",
    "045_dunder_methods",
    "046_class_vector",
    "047_isinstance_type",
    "048_builtins_iteration",
    "049_builtins_conversions",
    "050_builtins_abs_round_minmax",
    "051_id_hash",
    "052_builtin_exceptions",
    "053_more_exceptions",
    "054_recursion_limit",
    "055_custom_exceptions",
    "056_exception_chaining",
    "057_except_clauses",
    "058_thread_results_via_queue",
    "059_bank_transfers_threads",
    "060_uncaught_deep_call_chain",
    "061_uncaught_in_method",
    "062_uncaught_custom_exception",
    "063_uncaught_raise_from",
    "064_uncaught_during_handling",
    "065_uncaught_keyerror_nested",
    "066_uncaught_assertion",
    "067_uncaught_in_generator",
    "068_uncaught_type_error_call",
    "069_uncaught_in_decorator",
    "070_thread_target_args_kwargs",
    "071_thread_names",
    "072_thread_alive_join_timeout",
    "073_thread_ident",
    "074_thread_daemon",
    "075_active_count",
    "076_lock_counter",
    "077_lock_methods",
    "078_rlock",
    "079_event",
    "080_semaphore",
    "081_bounded_semaphore",
    "082_condition",
    "083_barrier",
    "084_thread_local",
    "085_thread_subclass",
    "086_thread_exception",
    "087_thread_exception_subclass",
    "088_thread_print_order_events",
    "089_thread_sleep_ordering",
    "090_switch_interval",
    "091_time_functions",
    "092_pool_submit_result",
    "093_pool_map_multiple_iterables",
    "094_pool_thread_names",
    "095_future_methods",
    "096_future_result_reraise",
    "097_as_completed_timeout",
    "098_wait_return_when",
    "099_shutdown_cancel_futures",
    "100_pool_as_completed_order",
    "101_queue_basics",
    "102_queue_nowait_exceptions",
    "103_queue_producer_consumer",
    "104_queue_blocking_put",
    "105_asyncio_run_sleep",
    "106_asyncio_tasks_gather",
    "107_asyncio_as_completed",
    "108_asyncio_wait_for",
    "109_asyncio_wait",
    "110_asyncio_queue",
    "111_asyncio_sync_primitives",
    "112_asyncio_to_thread",
    "113_asyncio_gather_exceptions",
    "114_os_functions",
    "115_sys_streams",
    "116_random_seeded",
    "117_random_simulation",
    "118_math_module",
    "119_file_io",
    "120_lesson_sleep",
    "121_lesson_sleep_several_times",
    "122_lesson_threads_no_join",
    "123_lesson_threads_join",
    "124_lesson_join_in_loop",
    "125_lesson_start_all_join_all",
    "126_lesson_thread_args",
    "127_lesson_pool_submit",
    "128_lesson_pool_as_completed",
    "129_lesson_pool_map",
    "130_lesson_download_images",
    "131_lesson_async",
    "132_lesson_async_as_completed",
    "133_generator_send_throw_close",
    "134_uncaught_in_yield_from",
    "135_asyncio_cancel_and_friends",
    "136_asyncio_forgotten_await",
    "137_asyncio_timeout_executor",
    "138_generator_finally_on_break",
    "139_uncaught_in_coroutine",
    "140_truth_bool_len",
    "141_thread_local",
    "142_async_generators",
    "143_async_iter_protocol",
    "170_global_names_rebound",
    "171_future_exception_traceback",
    "172_simple_queue",
    "173_dict_growth_and_attributes",
    "174_containers_compared_with_themselves",
    "175_async_generator_expressions",
    "176_set_iteration_order",
    "178_property_setter",
    "179_identifiers_nfkc",
];

fn expected(dir: &Path, name: &str, ext: &str) -> String {
    std::fs::read_to_string(dir.join(format!("{name}.{ext}"))).unwrap_or_default()
}

/// How `output` differs from what CPython printed for `name`, said for the test's
/// failure; `None` when stdout and stderr are the same.
fn differences(dir: &Path, name: &str, output: &potoki::python::Output) -> Option<String> {
    let out_ok = output.stdout == expected(dir, name, "out");
    let err_ok = output.stderr == expected(dir, name, "err");
    let said = |ok: bool| if ok { "ok" } else { "differs" };
    (!(out_ok && err_ok)).then(|| {
        format!(
            "{name}: stdout {}, stderr {}\n--- got stdout:\n{}\n--- got stderr:\n{}",
            said(out_ok),
            said(err_ok),
            output.stdout,
            output.stderr
        )
    })
}

#[test]
fn the_listed_programs_print_what_cpython_printed() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/python");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| {
            let name = e.ok()?.file_name().into_string().ok()?;
            name.strip_suffix(".py")
                .filter(|n| n.as_bytes().first().is_some_and(u8::is_ascii_digit))
                .map(str::to_owned)
        })
        .collect();
    names.sort();
    let mut failures = Vec::new();
    let mut also_passing = Vec::new();
    for name in &names {
        let source = std::fs::read_to_string(dir.join(format!("{name}.py"))).unwrap();
        // A program still going after 20 s is stopped (KeyboardInterrupt): the
        // corpus's programs take at most a few seconds.
        let options = potoki::python::Options {
            time_limit_ms: Some(20_000.0),
            ..Default::default()
        };
        let output = potoki::python::run_with(&source, options);
        let differs = differences(&dir, name, &output);
        let code_ok = output.error.is_some() == !expected(&dir, name, "code").is_empty();
        let ok = differs.is_none() && code_ok;
        if RUNS.contains(&name.as_str()) {
            if !ok {
                failures.push(differs.unwrap_or_else(|| {
                    format!("{name}: ended with an error where CPython did not, or the reverse")
                }));
            }
        } else if ok {
            also_passing.push(name.clone());
        }
    }
    eprintln!(
        "{} of {} programs listed; {} more already match: {:?}",
        RUNS.len(),
        names.len(),
        also_passing.len(),
        also_passing
    );
    assert!(
        RUNS.iter().all(|r| names.iter().any(|n| n == r)),
        "a listed program is missing"
    );
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// The single-threaded build's way: every thread a coroutine on one thread, whose
/// waits park it (`src/python/park.rs`). Each listed program prints the same there.
#[test]
fn the_listed_programs_print_the_same_on_simulated_threads() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/python");
    let mut failures = Vec::new();
    for name in RUNS {
        let source = std::fs::read_to_string(dir.join(format!("{name}.py"))).unwrap();
        let (output, record) = common::run_python_simulated(&source, 20_000.0);
        assert!(!record.threaded);
        failures.extend(differences(&dir, name, &output));
    }
    eprintln!("{} failed on simulated threads", failures.len());
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
