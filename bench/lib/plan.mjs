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
      seconds: 8,
      drainSeconds: 3,
    },
    s3: {
      docs: 100,
      clientsPerDoc: 4,
      startRate: 250,
      factor: 1.5,
      maxSteps: 10,
      bisections: 1,
      stepSeconds: 3,
      drainSeconds: 2,
      maxRetries: 1,
    },
    s5: { historyTxns: 100_000 },
    s6: { edits: 10_000 },
    s7: { keystrokes: 500, warmup: 50, activation: true },
    estimates: {
      bytes: 30_000,
      latencyBase: 8_000,
      latencyPerClient: 25,
      throughput: 45_000,
      throughputStep: 6_000,
      coldJoin: 6_000,
      catchUp: 8_000,
      remoteKeystroke: 6_000,
      bundleLoad: 1_500,
      activation: 40_000,
    },
  };
  if (!quick) return full;
  return {
    ...full,
    quick: true,
    runs: runs ?? 1,
    budgetMs: 3 * 60_000,
    maxRetries: 0,
    s1: { inserts: 8, traceTxns: 10_000, traceTimeoutMs: 40_000 },
    s2: {
      configs: [
        { docs: 1, clientsPerDoc: 2 },
        { docs: 40, clientsPerDoc: 5, memory: true },
      ],
      seconds: 3,
      drainSeconds: 2,
    },
    s3: {
      ...full.s3,
      docs: 25,
      startRate: 250,
      factor: 2,
      maxSteps: 4,
      bisections: 0,
      stepSeconds: 1.5,
      maxRetries: 0,
    },
    s5: { historyTxns: 20_000 },
    s6: { edits: 1_000 },
    s7: { keystrokes: 150, warmup: 30, activation: false },
    estimates: {
      ...full.estimates,
      bytes: 6_000,
      latencyBase: 4_000,
      throughput: 12_000,
      throughputStep: 4_000,
      coldJoin: 3_000,
      catchUp: 3_000,
      remoteKeystroke: 3_000,
    },
  };
}
