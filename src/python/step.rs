//! The instructions that move a frame's instruction pointer or change its blocks
//! (jumps, loops, `return`, `yield`, handlers), and the checks between two
//! instructions: Stop, the memory cap, handing over the GIL.

use super::code::{CmpOp, Const, Instr};
use super::value::{locked, Value};
use super::vm::{unbound, Block, Vm};
use std::sync::{Arc, Mutex};

impl Vm {
    /// Runs instructions of the top frame: `Some` when the base frame returned.
    #[allow(clippy::too_many_lines)]
    pub(super) fn step(&mut self, base: usize) -> Result<Option<Value>, (Value, bool)> {
        let fail = |e: Value| (e, true);
        loop {
            self.ticks = self.ticks.wrapping_add(1);
            if self.ticks.is_multiple_of(256) {
                if self.ticks.is_multiple_of(super::thread::PROGRESS_TICKS) {
                    if (self.interp.stop)() {
                        return Err(fail(self.error("KeyboardInterrupt", "")));
                    }
                    self.progress_step();
                }
                if let Err(exc) = self.reserve(0) {
                    return Err(fail(exc));
                }
                // The single-threaded build: the other threads' turn (`park.rs`).
                if self.turn_over() {
                    return Err((Value::None, false));
                }
                // Another thread waits for the GIL: hand it over at this boundary.
                if let Some(gil) = &self.interp.gil {
                    if gil.requested() {
                        let gil = gil.clone();
                        let now = (self.interp.clock)();
                        // Time spent waiting for the GIL to come back is not CPU time.
                        self.pause_cpu();
                        gil.switch_if_asked(&mut self.gil_since, now, &*self.interp.clock);
                        self.said_gil_wait((self.interp.clock)() - now);
                        self.resume_cpu();
                    }
                }
            }
            if self.interp.finalize.is_pending() {
                self.close_dropped();
            }
            let Some(frame) = self.frames.last_mut() else {
                return Ok(Some(Value::None));
            };
            let Some(&instr) = frame.code.instrs.get(frame.ip) else {
                return Ok(Some(Value::None));
            };
            frame.ip += 1;
            match instr {
                Instr::Nop => {}
                Instr::Pop => {
                    frame.stack.pop();
                }
                Instr::Dup => {
                    let top = frame.stack.last().cloned().unwrap_or(Value::None);
                    frame.stack.push(top);
                }
                Instr::Dup2 => {
                    let n = frame.stack.len();
                    if n >= 2 {
                        let (a, b) = (frame.stack[n - 2].clone(), frame.stack[n - 1].clone());
                        frame.stack.push(a);
                        frame.stack.push(b);
                    }
                }
                Instr::Rot2 => {
                    let n = frame.stack.len();
                    if n >= 2 {
                        frame.stack.swap(n - 1, n - 2);
                    }
                }
                Instr::Rot3 => {
                    if let Some(top) = frame.stack.pop() {
                        let n = frame.stack.len();
                        frame.stack.insert(n.saturating_sub(2), top);
                    }
                }
                Instr::LoadConst(at) => {
                    let value = match frame.code.consts.get(at as usize) {
                        Some(Const::Value(v)) => v.clone(),
                        Some(Const::Code(_)) | None => Value::None,
                    };
                    frame.stack.push(value);
                }
                Instr::LoadFast(at) => match frame.fast.get(at as usize) {
                    Some(Some(value)) => {
                        let value = value.clone();
                        frame.stack.push(value);
                    }
                    _ => {
                        let name = frame
                            .code
                            .locals
                            .get(at as usize)
                            .cloned()
                            .unwrap_or_default();
                        return Err(fail(self.error(
                            "UnboundLocalError",
                            format!("cannot access local variable '{name}' where it is not associated with a value"),
                        )));
                    }
                },
                Instr::StoreFast(at) => {
                    let value = frame.stack.pop();
                    if let Some(slot) = frame.fast.get_mut(at as usize) {
                        *slot = value;
                    }
                }
                Instr::DeleteFast(at) => {
                    if let Some(slot) = frame.fast.get_mut(at as usize) {
                        *slot = None;
                    }
                }
                Instr::LoadGlobal(at) | Instr::LoadName(at) => {
                    // A builtin the globals still lack: no lock, no hashing, no
                    // write (`builtin_cache.rs`). A class body's names come first.
                    let class_body = frame.names.is_some() && matches!(instr, Instr::LoadName(_));
                    let at = at as usize;
                    match super::builtin_cache::cached(
                        &self.interp.builtins,
                        &frame.code,
                        &frame.globals,
                        at,
                    ) {
                        Some(value) if !class_body => frame.stack.push(value.clone()),
                        _ => self.load_name(at, class_body).map_err(fail)?,
                    }
                }
                Instr::StoreGlobal(at) | Instr::StoreName(at) => {
                    let name = frame
                        .code
                        .names
                        .get(at as usize)
                        .cloned()
                        .unwrap_or_default();
                    let value = frame.stack.pop().unwrap_or(Value::None);
                    let (target, cached) = match (&frame.names, instr) {
                        (Some(names), Instr::StoreName(_)) => (names, false),
                        _ => (&frame.globals, true),
                    };
                    let mut entries = locked(&target.entries);
                    let at = at as usize;
                    let slot = frame.code.global_slot(at).filter(|_| cached);
                    match slot.and_then(|slot| entries.str_slot_mut(slot, &name)) {
                        Some(old) => *old = value,
                        None => {
                            let key = super::value::Key::Str(name.clone());
                            entries.insert(key.clone(), Value::Str(name), value);
                            if let (true, Some(slot)) = (cached, entries.slot_of(&key)) {
                                frame.code.remember_global_slot(at, slot);
                            }
                        }
                    }
                }
                Instr::DeleteGlobal(at) => {
                    let name = frame
                        .code
                        .names
                        .get(at as usize)
                        .cloned()
                        .unwrap_or_default();
                    if locked(&frame.globals.entries)
                        .remove(&super::value::Key::Str(name.clone()))
                        .is_none()
                    {
                        return Err(fail(
                            self.error("NameError", format!("name '{name}' is not defined")),
                        ));
                    }
                }
                Instr::LoadDeref(at) => {
                    let value = frame.cells.get(at as usize).map(|c| locked(c).clone());
                    match value {
                        Some(Value::Cell(_)) | None => {
                            let name = frame
                                .code
                                .cells
                                .get(at as usize)
                                .cloned()
                                .unwrap_or_default();
                            return Err(fail(self.error(
                                "NameError",
                                format!("cannot access free variable '{name}' where it is not associated with a value in enclosing scope"),
                            )));
                        }
                        Some(value) => frame.stack.push(value),
                    }
                }
                Instr::StoreDeref(at) => {
                    let value = frame.stack.pop().unwrap_or(Value::None);
                    if let Some(cell) = frame.cells.get(at as usize) {
                        *locked(cell) = value;
                    }
                }
                Instr::LoadClosure(at) => {
                    let cell = frame
                        .cells
                        .get(at as usize)
                        .cloned()
                        .unwrap_or_else(|| Arc::new(Mutex::new(unbound())));
                    frame.stack.push(Value::Cell(cell));
                }
                Instr::Return => {
                    let value = frame.stack.pop().unwrap_or(Value::None);
                    let popped = self.pop_frame();
                    if let Some(task) = popped.as_ref().and_then(|f| f.task) {
                        self.end_task_call(task, Ok(&value));
                    }
                    let running = popped.and_then(|f| f.running);
                    if self.frames.len() <= base {
                        return Ok(Some(value));
                    }
                    match running {
                        Some((gen, by)) => {
                            self.generator_returned(&gen, by, value).map_err(fail)?;
                        }
                        None => self.push(value),
                    }
                }
                Instr::Jump(to) => frame.ip = to as usize,
                Instr::PopJumpIfFalse(to) | Instr::PopJumpIfTrue(to) => {
                    let value = frame.stack.pop().unwrap_or(Value::None);
                    let truth = match value {
                        Value::Bool(b) => b,
                        Value::Instance(_) | Value::Exception(_) => {
                            self.truth(&value).map_err(fail)?
                        }
                        ref other => super::ops::truthy(other),
                    };
                    let jump = truth == matches!(instr, Instr::PopJumpIfTrue(_));
                    if jump {
                        self.top_frame().ip = to as usize;
                    }
                }
                Instr::JumpIfFalseOrPop(to) | Instr::JumpIfTrueOrPop(to) => {
                    let truth = match frame.stack.last() {
                        Some(value @ (Value::Instance(_) | Value::Exception(_))) => {
                            let value = value.clone();
                            self.truth(&value).map_err(fail)?
                        }
                        value => value.is_some_and(super::ops::truthy),
                    };
                    let frame = self.top_frame();
                    if truth == matches!(instr, Instr::JumpIfTrueOrPop(_)) {
                        frame.ip = to as usize;
                    } else {
                        frame.stack.pop();
                    }
                }
                Instr::SetupExcept(handler) => {
                    let (depth, handling) = (frame.stack.len(), frame.handling.len());
                    frame.blocks.push(Block {
                        handler: handler as usize,
                        depth,
                        handling,
                    });
                }
                Instr::PopBlock => {
                    frame.blocks.pop();
                }
                Instr::SetupWith(handler) => {
                    let (depth, handling) =
                        (frame.stack.len().saturating_sub(1), frame.handling.len());
                    frame.blocks.push(Block {
                        handler: handler as usize,
                        depth,
                        handling,
                    });
                }
                Instr::PopExcept => {
                    frame.handling.pop();
                }
                Instr::Reraise => {
                    let exc = frame.stack.pop().unwrap_or(Value::None);
                    frame.handling.pop();
                    return Err((exc, false));
                }
                Instr::EndAsyncFor => {
                    let exc = frame.stack.pop().unwrap_or(Value::None);
                    frame.handling.pop();
                    let stop = self.classes().get("StopAsyncIteration");
                    if !self.classes().of(&exc).is_subclass(&stop) {
                        return Err((exc, false));
                    }
                    self.pop(); // the async iterator
                }
                // A generator's frame is always the base one of the loop that resumed
                // it: it leaves the loop, kept aside for `resume`.
                Instr::Yield => {
                    let value = frame.stack.pop().unwrap_or(Value::None);
                    if let Some(value) = self.suspend(value) {
                        return Ok(Some(value));
                    }
                }
                Instr::YieldFrom => match self.yield_from_step() {
                    Ok(None) => {}
                    Ok(Some(value)) => {
                        // Resumed, it runs `YieldFrom` again with the value sent.
                        self.top_frame().ip -= 1;
                        if let Some(value) = self.suspend(value) {
                            return Ok(Some(value));
                        }
                    }
                    Err(e) => return Err(fail(e)),
                },
                // The loop's own step, without a call: a range or a list being walked.
                Instr::ForIter(exit) if matches!(frame.stack.last(), Some(Value::Iterator(_))) => {
                    let step = match frame.stack.last() {
                        Some(Value::Iterator(state)) => super::items::next_plain(state),
                        _ => None,
                    };
                    match step {
                        Some(Some(value)) => frame.stack.push(value),
                        Some(None) => {
                            frame.stack.pop();
                            frame.ip = exit as usize;
                        }
                        None => {
                            if let Err(e) = self.execute(instr) {
                                return Err(fail(e));
                            }
                        }
                    }
                }
                // Small ints: no dunder to look for, no call.
                Instr::Binary(op) | Instr::InPlace(op)
                    if matches!(frame.stack.as_slice(), [.., Value::Int(_), Value::Int(_)]) =>
                {
                    let n = frame.stack.len();
                    let fast = match (&frame.stack[n - 2], &frame.stack[n - 1]) {
                        (Value::Int(a), Value::Int(b)) => super::arith::int_fast(op, *a, *b),
                        _ => None,
                    };
                    match fast {
                        Some(value) => {
                            frame.stack.truncate(n - 2);
                            frame.stack.push(Value::Int(value));
                        }
                        None => {
                            if let Err(e) = self.execute(instr) {
                                return Err(fail(e));
                            }
                        }
                    }
                }
                Instr::Compare(op)
                    if matches!(frame.stack.as_slice(), [.., Value::Int(_), Value::Int(_)]) =>
                {
                    let n = frame.stack.len();
                    let (a, b) = match (&frame.stack[n - 2], &frame.stack[n - 1]) {
                        (Value::Int(a), Value::Int(b)) => (*a, *b),
                        _ => (0, 0),
                    };
                    let result = match op {
                        CmpOp::Lt => Some(a < b),
                        CmpOp::Le => Some(a <= b),
                        CmpOp::Eq => Some(a == b),
                        CmpOp::Ne => Some(a != b),
                        CmpOp::Gt => Some(a > b),
                        CmpOp::Ge => Some(a >= b),
                        _ => None,
                    };
                    match result {
                        Some(truth) => {
                            frame.stack.truncate(n - 2);
                            frame.stack.push(Value::Bool(truth));
                        }
                        None => {
                            if let Err(e) = self.execute(instr) {
                                return Err(fail(e));
                            }
                        }
                    }
                }
                Instr::ForIter(exit) if matches!(frame.stack.last(), Some(Value::Generator(_))) => {
                    if let Err(e) = self.for_iter_generator(exit) {
                        return Err(fail(e));
                    }
                }
                other => {
                    if let Err(e) = self.execute(other) {
                        return Err(fail(e));
                    }
                    if self.frames.len() <= base {
                        return Ok(Some(Value::None));
                    }
                }
            }
        }
    }
}
