//! Two stages of work on two threads: one makes items, the other uses them in order, through
//! a short queue. The event readers read rows while the caller's thread parses them, and the
//! aggregator builds relations while the graph takes them in.

use std::sync::Mutex;

/// How many items may wait between the stages: enough to ride out an uneven item, few
/// enough that memory stays a few items' worth.
const QUEUE: usize = 2;

/// What a producer hands its items to.
pub(crate) struct Emit<'a, T> {
    send: &'a mut dyn FnMut(T) -> bool,
    spare: &'a mut dyn FnMut() -> Option<T>,
}

impl<T> Emit<'_, T> {
    /// Hands an item on; false once the consumer has failed (the producer should stop).
    pub(crate) fn send(&mut self, item: T) -> bool {
        (self.send)(item)
    }

    /// An item the consumer is done with, to fill again rather than allocate anew.
    pub(crate) fn spare(&mut self) -> Option<T> {
        (self.spare)()
    }
}

/// Runs `produce` on a second thread and `consume` on this one, on each item `produce`
/// sends, in order; items `consume` is done with go back to `produce` as spares.
/// `consume`'s first error is returned (and `produce` is told to stop). Both run here, in
/// turn, when no second thread can be had (a platform without threads).
pub(crate) fn pipeline<T, E, P, C>(produce: P, consume: C) -> Result<(), E>
where
    T: Send,
    P: FnOnce(&mut Emit<'_, T>) + Send,
    C: FnMut(&mut T) -> Result<(), E>,
{
    run(true, produce, consume)
}

/// [`pipeline`], on one thread when `threads` is false (as when none can be had).
fn run<T, E, P, C>(threads: bool, produce: P, mut consume: C) -> Result<(), E>
where
    T: Send,
    P: FnOnce(&mut Emit<'_, T>) + Send,
    C: FnMut(&mut T) -> Result<(), E>,
{
    // Handed to the thread through a slot, so that it can be taken back if none starts.
    let slot = Mutex::new(Some(produce));
    let threaded = std::thread::scope(|scope| {
        if !threads {
            return None;
        }
        let (send, received) = std::sync::mpsc::sync_channel::<T>(QUEUE);
        let (give_back, given_back) = std::sync::mpsc::channel::<T>();
        let slot = &slot;
        let started = std::thread::Builder::new()
            .name("alliance-graph-pipeline".to_owned())
            .spawn_scoped(scope, move || {
                let produce = slot.lock().ok().and_then(|mut p| p.take());
                if let Some(produce) = produce {
                    produce(&mut Emit {
                        // A receiver gone means `consume` failed.
                        send: &mut |item| send.send(item).is_ok(),
                        spare: &mut || given_back.try_recv().ok(),
                    });
                }
            });
        if started.is_err() {
            return None;
        }
        for mut item in received {
            if let Err(e) = consume(&mut item) {
                return Some(Err(e));
            }
            // The producer may have finished: an item it does not take back is dropped.
            let _ = give_back.send(item);
        }
        Some(Ok(()))
    });
    if let Some(outcome) = threaded {
        return outcome;
    }
    let Some(produce) = slot.into_inner().ok().flatten() else {
        return Ok(());
    };
    let (mut failure, mut spare) = (None, None);
    {
        let spare_cell = std::cell::RefCell::new(&mut spare);
        produce(&mut Emit {
            send: &mut |mut item| match consume(&mut item) {
                Ok(()) => {
                    **spare_cell.borrow_mut() = Some(item);
                    true
                }
                Err(e) => {
                    failure = Some(e);
                    false
                }
            },
            spare: &mut || spare_cell.borrow_mut().take(),
        });
    }
    failure.map_or(Ok(()), Err)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Both ways, threaded and not: the items, the spares given back, how far the producer
    /// got before a failure stopped it, and the outcome.
    fn check(threads: bool) {
        let mut seen = Vec::new();
        let mut spares = 0;
        let outcome: Result<(), String> = run(
            threads,
            |emit| {
                for i in 0..1000 {
                    // A spare is an item already used: it is reused, not lost.
                    if emit.spare().is_some() {
                        spares += 1;
                    }
                    if !emit.send(vec![i]) {
                        return;
                    }
                }
            },
            |item: &mut Vec<i32>| {
                seen.append(item);
                Ok(())
            },
        );
        assert_eq!(outcome, Ok(()));
        assert_eq!(seen, (0..1000).collect::<Vec<_>>());
        assert!(spares > 0, "no item came back to be reused");

        let mut made = 0usize;
        let outcome = run(
            threads,
            |emit| {
                for i in 0..1_000_000i32 {
                    made += 1;
                    if !emit.send(i) {
                        return;
                    }
                }
            },
            |i: &mut i32| {
                if *i == 10 {
                    Err(format!("stop at {i}"))
                } else {
                    Ok(())
                }
            },
        );
        assert_eq!(outcome, Err("stop at 10".to_owned()));
        // The producer stopped soon after: the queue holds a few items, not the rest.
        assert!(made < 10 + QUEUE + 3, "{made}");
    }

    #[test]
    fn items_arrive_in_order_come_back_as_spares_and_a_failure_stops_the_producer() {
        check(true);
        check(false);
    }
}
