// Sizes of a full run (the issue's) and of a quick run (smaller, one run: a smoke test for CI
// whose numbers are not comparable with a full run's), and how long each unit is expected to take.
export function makePlan({ quick, runs }) {
  const full = {
    quick: false,
    runs: runs ?? 3,
    budgetMs: 20 * 60_000,
    maxRetries: 2,
    s1: { inserts: 20, traceTxns: Number.POSITIVE_INFINITY, traceTimeoutMs: 120_000 },
    s2: {
      configs: [
        { docs: 1, clientsPerDoc: 2 },
        { docs: 50, clientsPerDoc: 4 },
        { docs: 200, clientsPerDoc: 5, memory: true },
      ],
      seconds: 6,
      drainSeconds: 3,
    },
    s3: {
      docs: 100,
      clientsPerDoc: 4,
      startRate: 250,
      factor: 1.6,
      maxSteps: 9,
      bisections: 1,
      stepSeconds: 2.5,
      drainSeconds: 1.5,
      maxRetries: 1,
    },
    s5: { historyTxns: 100_000 },
    s6: { edits: 10_000 },
    s7: { keystrokes: 500, warmup: 50, activation: true },
    // Measured on the 2-core machine while other engineers ran their tests on it.
    estimates: {
      bytes: 30_000,
      latencyBase: 6_000,
      latencyPerClient: 30,
      throughput: 32_000,
      throughputStep: 5_000,
      coldJoin: 5_000,
      catchUp: 6_000,
      remoteKeystroke: 6_000,
      bundleLoad: 2_000,
      activation: 70_000,
    },
  };
  if (!quick) return full;
  return {
    ...full,
    quick: true,
    runs: runs ?? 1,
    budgetMs: 3 * 60_000,
    maxRetries: 0,
    s1: { inserts: 6, traceTxns: 5_000, traceTimeoutMs: 30_000 },
    s2: {
      configs: [
        { docs: 1, clientsPerDoc: 2 },
        { docs: 20, clientsPerDoc: 5, memory: true },
      ],
      seconds: 2,
      drainSeconds: 2,
    },
    s3: {
      ...full.s3,
      docs: 10,
      startRate: 250,
      factor: 2,
      maxSteps: 3,
      bisections: 0,
      stepSeconds: 1,
      maxRetries: 0,
    },
    s5: { historyTxns: 10_000 },
    s6: { edits: 500 },
    s7: { keystrokes: 100, warmup: 20, activation: false },
    estimates: {
      ...full.estimates,
      bytes: 5_000,
      latencyBase: 3_000,
      throughput: 8_000,
      throughputStep: 3_000,
      coldJoin: 3_000,
      catchUp: 3_000,
      remoteKeystroke: 3_000,
    },
  };
}
