// Scenario 2: propagation latency from a keystroke to every other client of its document (one
// typist per document at 10 keystrokes/s); and scenario 4, server memory, taken in the largest
// configuration (200 documents of 20 KB, 1,000 clients) once every client has the plan.
import { startLoadWindow } from '../lib/machineLoad.mjs';
import { measure } from '../lib/measure.mjs';
import { startServer } from '../lib/servers.mjs';
import { latencyWithLosses, openGroup } from './group.mjs';

export const SCENARIO = '2 propagation latency';
export const MEMORY_SCENARIO = '4 server memory';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export function latencyUnit(ctx, kind, run, config) {
  const { plan } = ctx;
  const { docs, clientsPerDoc, memory } = config;
  const where = `${docs} doc${docs > 1 ? 's' : ''} × ${clientsPerDoc} clients`;
  const label = `${SCENARIO} · ${where} · ${kind} · run ${run + 1}`;
  const estimateMs = plan.estimates.latencyPerClient * docs * clientsPerDoc + plan.estimates.latencyBase;
  return {
    label,
    estimateMs,
    async execute() {
      const outcome = await measure({
        budget: ctx.budget,
        estimateMs,
        maxRetries: plan.maxRetries,
        log: ctx.log,
        label,
        attempt: () => attempt(ctx, kind, config),
      });
      const add = (scenario, metric, unit, value) =>
        ctx.results.add({ scenario, server: kind, metric, unit, run, value });
      add(SCENARIO, `p50 at ${where}`, 'ms', outcome.latency.p50);
      add(SCENARIO, `p99 at ${where}`, 'ms', outcome.latency.p99);
      add(SCENARIO, `max at ${where}`, 'ms', outcome.latency.max);
      add(SCENARIO, `server CPU while typing at ${where} (information)`, 'cores', outcome.serverCores);
      add(SCENARIO, `time until all ${where} had the plan (information)`, 's', outcome.connectSeconds);
      if (outcome.gcShare !== null)
        add(
          SCENARIO,
          `server paused for GC while typing at ${where} (information)`,
          '%',
          outcome.gcShare * 100,
        );
      if (memory) add(MEMORY_SCENARIO, `RSS with ${where} connected`, 'MB', outcome.rssBytes / 1e6);
      const notes = [];
      if (outcome.latency.missing > 0)
        notes.push(
          `${outcome.latency.missing} deliveries did not arrive within ${plan.s2.drainSeconds} s (counted as slowest)`,
        );
      if (outcome.phase.closes.length > 0)
        notes.push(`connections closed: ${outcome.phase.closes.join(', ')}`);
      if (outcome.phase.generatorLoopDelayP99Ms > 50)
        notes.push(
          `load generator event loop p99 delay ${outcome.phase.generatorLoopDelayP99Ms.toFixed(0)} ms`,
        );
      ctx.results.note({
        scenario: memory ? `${SCENARIO} + ${MEMORY_SCENARIO}` : SCENARIO,
        server: kind,
        run,
        config: where,
        load: outcome.load,
        attempts: outcome.attempts,
        timingSensitive: true,
        typed: outcome.phase.typed,
        deliveries: outcome.latency.count,
        connectSeconds: outcome.connectSeconds,
        scheduleLagP99Ms: outcome.phase.scheduleLagP99Ms,
        generatorLoopDelayP99Ms: outcome.phase.generatorLoopDelayP99Ms,
        generatorCpuCores: outcome.phase.generatorCpuCores,
        storage: outcome.storage,
        settings: outcome.settings,
        serverLog: outcome.serverLog,
        notes,
      });
    },
  };
}

async function attempt(ctx, kind, { docs, clientsPerDoc, memory }) {
  const { plan } = ctx;
  const server = await startServer(kind, {
    product: ctx.product,
    tmpRoot: ctx.tmpRoot,
    template: ctx.template,
  });
  let group;
  try {
    group = await openGroup(ctx, server, {
      docs,
      clientsPerDoc,
      generators: Math.ceil((docs * clientsPerDoc) / 250),
    });
    let rssBytes = null;
    if (memory) {
      // Resident memory once the connection burst is over: the median of three samples.
      await sleep(2000);
      const samples = [];
      for (let i = 0; i < 3; i++) {
        samples.push(server.rss());
        await sleep(500);
      }
      rssBytes = samples.sort((a, b) => a - b)[1];
    } else {
      await sleep(500);
    }
    const cpuBefore = server.cpuSeconds();
    const countersBefore = await server.counters?.().catch(() => null);
    const window = startLoadWindow();
    const phase = await group.type(
      { seconds: plan.s2.seconds, ratePerTypist: 10, typistsPerDoc: 1, drainSeconds: plan.s2.drainSeconds },
      (plan.s2.seconds + plan.s2.drainSeconds) * 1000 + 30_000,
    );
    const load = window.stop();
    const serverCores = (server.cpuSeconds() - cpuBefore) / load.wallSeconds;
    const countersAfter = await server.counters?.().catch(() => null);
    // Ours stores every update (one SQLite transaction per event-loop turn, fsync'd) before it
    // broadcasts it; how often and how long that took explains much of its latency.
    const storage =
      countersBefore && countersAfter
        ? {
            commits: countersAfter.commits - countersBefore.commits,
            meanCommitMs:
              ((countersAfter.seconds - countersBefore.seconds) /
                (countersAfter.commits - countersBefore.commits)) *
              1000,
            commitShareOfWallTime: (countersAfter.seconds - countersBefore.seconds) / load.wallSeconds,
          }
        : null;
    // Ours only (the peers have no /metrics): the share of the typing time its event loop stood
    // still for garbage collection, which delays every keystroke that arrives meanwhile.
    const gcShare =
      countersBefore && countersAfter
        ? (countersAfter.gcSeconds - countersBefore.gcSeconds) / load.wallSeconds
        : null;
    return {
      load,
      phase,
      gcShare,
      latency: latencyWithLosses(phase),
      rssBytes,
      serverCores,
      storage,
      connectSeconds: group.connectSeconds,
      settings: server.settings,
      serverLog: server.log.counts,
    };
  } finally {
    await group?.close();
    await server.stop();
  }
}
