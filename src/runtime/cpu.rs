//! CPU time, measured where the browser has no per-thread CPU clock.
//!
//! A task's wall time from start to finish is its CPU time only while its thread
//! has a core to itself. With more busy threads than cores (four `count_primes` on
//! two cores) the system takes turns: each thread is descheduled for whole
//! scheduler slices (milliseconds), and counting those as CPU time would show
//! "CPU 2.7 s in 0.7 s of wall time" on two cores — three and a half cores' worth.
//!
//! So a compute loop reads the clock after every fixed amount of work (a
//! [`STEP`] of trial divisions, a fraction of a millisecond) and tells a
//! [`ProgressClock`]. Steps of equal work take about equal time on a core; a step
//! many times longer than the usual recent one (their lower quartile: robust to the
//! few steps that were descheduled, and not fooled by the one lucky fast step) is a
//! step in which the thread was off its core, and only the usual time of it counts
//! as running.

/// Trial divisions between two readings of the clock: about 0.1–0.3 ms of one core,
/// far shorter than a scheduler's time slice, far longer than a clock reading.
pub const STEP: u64 = 1 << 15;

/// A step this many times longer than the usual one was descheduled for the rest.
const SLOW: f64 = 3.0;

/// How many recent steps the usual step is taken from.
const RECENT: usize = 16;

/// Watches a compute loop's steps and adds up the time its thread was seen off the core.
pub struct ProgressClock<'a> {
    now: &'a dyn Fn() -> f64,
    steps: Steps,
}

impl<'a> ProgressClock<'a> {
    /// Starts watching now; `now` is the run's clock in milliseconds.
    pub fn start(now: &'a dyn Fn() -> f64) -> Self {
        ProgressClock {
            steps: Steps::start(now()),
            now,
        }
    }

    /// One [`STEP`] of work is done.
    pub fn step(&mut self) {
        self.steps.step((self.now)(), true);
    }

    /// The work ended, `fraction` of a step after the last [`Self::step`].
    pub fn finish(&mut self, fraction: f64) {
        self.steps.finish((self.now)(), fraction);
    }

    /// Milliseconds the thread was seen descheduled while it had work to do.
    pub fn descheduled_ms(&self) -> f64 {
        self.steps.descheduled_ms
    }
}

/// Steps of equal work, timed: what [`ProgressClock`] judges, fed the times by
/// its owner (the Python interpreter steps every few thousand instructions).
pub struct Steps {
    last: f64,
    recent: [f64; RECENT],
    seen: usize,
    descheduled_ms: f64,
}

impl Steps {
    /// The work begins at `now` (ms).
    pub fn start(now: f64) -> Self {
        Steps {
            last: now,
            recent: [f64::INFINITY; RECENT],
            seen: 0,
            descheduled_ms: 0.0,
        }
    }

    /// A step of work ended at `now`. It tells what a step takes either way; only
    /// if `judged` may it count as descheduled (its owner knows when it cannot have
    /// been: fewer busy threads than cores).
    pub fn step(&mut self, now: f64, judged: bool) {
        let took = now - self.last;
        self.last = now;
        if judged {
            if let Some(usual) = self.usual() {
                if took > SLOW * usual {
                    self.descheduled_ms += took - usual;
                }
            }
        }
        self.recent[self.seen % RECENT] = took;
        self.seen += 1;
    }

    /// The work ended at `now`, `fraction` of a step after the last step.
    pub fn finish(&mut self, now: f64, fraction: f64) {
        let took = now - self.last;
        if let Some(usual) = self.usual() {
            let expected = usual * fraction.clamp(0.0, 1.0);
            if took > SLOW * expected.max(usual / 4.0) {
                self.descheduled_ms += took - expected;
            }
        }
    }

    /// Milliseconds the thread was seen descheduled while it had work to do.
    pub fn descheduled_ms(&self) -> f64 {
        self.descheduled_ms
    }

    /// The lower quartile of the recent steps: what a step takes on a core.
    fn usual(&self) -> Option<f64> {
        // Too few steps to know: count them all as running.
        if self.seen < 4 {
            return None;
        }
        let mut recent = self.recent;
        let known = self.seen.min(RECENT);
        let known = recent.get_mut(..known)?;
        known.sort_unstable_by(f64::total_cmp);
        known.get(known.len() / 4).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    /// A clock that advances by the given steps, one per reading after the first.
    fn clock(steps: &[f64]) -> (Cell<usize>, Vec<f64>) {
        let mut times = vec![0.0];
        for step in steps {
            times.push(times.last().copied().unwrap_or(0.0) + step);
        }
        (Cell::new(0), times)
    }

    fn descheduled(steps: &[f64]) -> f64 {
        let (at, times) = clock(steps);
        let now = || {
            let i = at.get();
            at.set(i + 1);
            times[i.min(times.len() - 1)]
        };
        let mut watch = ProgressClock::start(&now);
        for _ in steps {
            watch.step();
        }
        watch.descheduled_ms()
    }

    #[test]
    fn a_thread_with_a_core_of_its_own_is_never_descheduled() {
        let steady: Vec<f64> = (0..100).map(|i| 0.2 + 0.05 * f64::from(i % 3)).collect();
        assert_eq!(descheduled(&steady), 0.0);
    }

    #[test]
    fn a_step_that_waited_for_a_core_counts_only_its_usual_time() {
        let mut steps = vec![0.2; 20];
        steps[10] = 3.2; // 3 ms of someone else's time slice
        steps[15] = 6.2;
        let off = descheduled(&steps);
        assert!((off - 9.0).abs() < 1e-9, "{off}");
    }

    #[test]
    fn taking_turns_on_one_core_halves_the_counted_time() {
        // Two threads on one core: 3 ms on, 3 ms off, steps of 0.25 ms.
        let mut steps = Vec::new();
        for _ in 0..50 {
            steps.extend([0.25; 11]);
            steps.push(0.25 + 3.0);
        }
        let wall: f64 = steps.iter().sum();
        let cpu = wall - descheduled(&steps);
        assert!(
            (cpu - 0.25 * steps.len() as f64).abs() < 1e-6,
            "cpu {cpu} of wall {wall}"
        );
    }
}
