// The time limit of a whole run (20 minutes, 3 in quick mode). Every unit of work says up front
// how long it expects to take; a disturbed measurement is repeated only when the time left,
// after what is still planned, allows it; a unit that no longer fits is skipped and reported.
export function createBudget(totalMs) {
  const started = performance.now();
  const deadline = started + totalMs;
  let planned = 0;
  return {
    totalMs,
    elapsedMs: () => performance.now() - started,
    leftMs: () => deadline - performance.now(),
    /** Reserve time for units still to come. */
    plan(ms) {
      planned += ms;
    },
    /** A planned unit starts: its reservation is released. */
    release(ms) {
      planned = Math.max(0, planned - ms);
    },
    /** Whether `ms` more fits before the deadline without eating into what is still planned. */
    affords(ms) {
      return deadline - performance.now() - planned >= ms;
    },
    /** Whether `ms` fits before the deadline at all. */
    fits(ms) {
      return deadline - performance.now() >= ms;
    },
  };
}
