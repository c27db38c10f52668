// One measurement with the load rule: `attempt()` measures and returns { load, ... } where load
// describes the machine while it timed (machineLoad.mjs). A timing disturbed by other processes
// is taken again, at most `maxRetries` times and only while the budget affords it, after waiting
// a little for the machine to calm down. The least disturbed attempt is kept and reported.
import { waitForQuiet } from './machineLoad.mjs';

export async function measure({ budget, estimateMs, maxRetries, attempt, log, label }) {
  let best = null;
  const attempts = [];
  for (let i = 0; i <= maxRetries; i++) {
    const result = await attempt(i);
    attempts.push(result.load);
    if (best === null || result.load.othersCores < best.load.othersCores) best = result;
    if (!result.load.disturbed) break;
    if (i === maxRetries || !budget.affords(estimateMs + 10_000)) {
      if (maxRetries > 0)
        log(
          `${label}: still disturbed (${result.load.othersCores} cores of other work); keeping the least disturbed attempt`,
        );
      break;
    }
    log(`${label}: other processes used ${result.load.othersCores} cores while timing; measuring again`);
    await waitForQuiet(Math.min(10_000, Math.max(0, budget.leftMs() - estimateMs)));
  }
  return { ...best, attempts };
}
