// Everything one bench run measured: a value per (scenario, server, metric, run), and for every
// measurement how busy the machine was, how many attempts it took and what else we noticed.
import { minMedianMax } from './stats.mjs';

export class Results {
  values = new Map();
  measurements = [];
  skipped = [];

  /** One value of one run. `better`: 'lower' or 'higher', for the report. */
  add({ scenario, server, metric, unit, run, value, better = 'lower' }) {
    const key = `${scenario}\u0000${server}\u0000${metric}`;
    let entry = this.values.get(key);
    if (!entry) {
      entry = { scenario, server, metric, unit, better, runs: [] };
      this.values.set(key, entry);
    }
    entry.runs[run] = value;
  }

  /** A measurement's circumstances: load while timing, attempts, notes. */
  note(measurement) {
    this.measurements.push(measurement);
  }

  skip(what, reason) {
    this.skipped.push({ what, reason });
  }

  /** The rows of latest.json: min, median and max over the runs that measured. */
  rows() {
    // In scenario order; within a scenario, in the order the values were first recorded.
    const order = (e) => Number.parseInt(e.scenario, 10);
    const entries = [...this.values.values()].sort((a, b) => order(a) - order(b));
    return entries.map((e) => {
      const { min, median, max, runs } = minMedianMax(e.runs);
      return {
        scenario: e.scenario,
        server: e.server,
        metric: e.metric,
        unit: e.unit,
        min,
        median,
        max,
        runs,
      };
    });
  }

  entries() {
    return [...this.values.values()];
  }
}
