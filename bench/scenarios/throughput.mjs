// Scenario 3: the throughput ceiling. 100 documents × 4 clients; all four clients of a document
// type (co-authors at work, so no single connection types faster than a quarter of the load).
// The total rate steps up geometrically; each step types for a few seconds and waits for every
// keystroke to reach the other three clients. The ceiling is the highest rate whose p99 stayed
// at or under 100 ms with nothing lost and no connection closed; between the last good step and
// the first bad one we bisect (geometrically) a bounded number of times.
import { startLoadWindow } from '../lib/machineLoad.mjs';
import { measure } from '../lib/measure.mjs';
import { startServer } from '../lib/servers.mjs';
import { latencyWithLosses, openGroup } from './group.mjs';

export const SCENARIO = '3 throughput ceiling';
const P99_LIMIT_MS = 100;

export function throughputUnit(ctx, kind, run) {
  const { plan } = ctx;
  const label = `${SCENARIO} · ${kind} · run ${run + 1}`;
  const estimateMs = plan.estimates.throughput;
  return {
    label,
    estimateMs,
    async execute() {
      const outcome = await measure({
        budget: ctx.budget,
        estimateMs,
        maxRetries: plan.s3.maxRetries,
        log: ctx.log,
        label,
        attempt: () => attempt(ctx, kind),
      });
      const where = `${plan.s3.docs} docs × ${plan.s3.clientsPerDoc} clients`;
      ctx.results.add({
        scenario: SCENARIO,
        server: kind,
        metric: `keystrokes/s with p99 ≤ ${P99_LIMIT_MS} ms (${where})`,
        unit: 'keystrokes/s',
        run,
        value: outcome.ceiling,
        better: 'higher',
      });
      if (outcome.cpuPerKeystrokeUs !== null) {
        ctx.results.add({
          scenario: SCENARIO,
          server: kind,
          metric: `server CPU per keystroke at ${outcome.cpuAtRate}/s (information)`,
          unit: 'µs',
          run,
          value: outcome.cpuPerKeystrokeUs,
        });
      }
      ctx.results.note({
        scenario: SCENARIO,
        server: kind,
        run,
        load: outcome.load,
        attempts: outcome.attempts,
        timingSensitive: true,
        steps: outcome.steps,
        stoppedBy: outcome.stoppedBy,
        settings: outcome.settings,
        serverLog: outcome.serverLog,
        notes: outcome.notes,
      });
    },
  };
}

async function attempt(ctx, kind) {
  const { plan } = ctx;
  const { docs, clientsPerDoc } = plan.s3;
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
      generators: Math.ceil((docs * clientsPerDoc) / 200),
    });
    const window = startLoadWindow();
    const steps = [];
    const step = async (rate) => {
      const cpuBefore = server.cpuSeconds();
      const started = performance.now();
      const phase = await group.type(
        {
          seconds: plan.s3.stepSeconds,
          ratePerTypist: rate / (docs * clientsPerDoc),
          typistsPerDoc: clientsPerDoc,
          drainSeconds: plan.s3.drainSeconds,
        },
        (plan.s3.stepSeconds + plan.s3.drainSeconds) * 1000 + 30_000,
      );
      const latency = latencyWithLosses(phase);
      const failure =
        phase.closes.length > 0
          ? `connections closed (${phase.closes.join(', ')})`
          : latency.missing > 0
            ? `${latency.missing} deliveries lost`
            : latency.p99 > P99_LIMIT_MS
              ? `p99 ${latency.p99.toFixed(0)} ms`
              : null;
      const result = {
        rate: Math.round(rate),
        achieved: Math.round(phase.achievedRate),
        p50: round(latency.p50),
        p99: round(latency.p99),
        typed: phase.typed,
        serverCpuSeconds: server.cpuSeconds() - cpuBefore,
        serverCores: round((server.cpuSeconds() - cpuBefore) / ((performance.now() - started) / 1000)),
        generatorCpuCores: round(phase.generatorCpuCores),
        generatorLoopDelayP99Ms: round(phase.generatorLoopDelayP99Ms),
        scheduleLagP99Ms: round(phase.scheduleLagP99Ms),
        failure,
      };
      steps.push(result);
      ctx.log(`  ${kind} ${result.rate}/s: p99 ${result.p99} ms${failure ? ` — ${failure}` : ''}`);
      return failure === null;
    };
    let good = null;
    let bad = null;
    let rate = plan.s3.startRate;
    for (let i = 0; i < plan.s3.maxSteps && ctx.budget.fits(plan.estimates.throughputStep); i++) {
      if (await step(rate)) {
        good = rate;
        rate *= plan.s3.factor;
      } else {
        bad = rate;
        break;
      }
    }
    // Too much already at the start rate (a busy machine): step down, a bounded number of times.
    for (
      let i = 0;
      i < 2 && good === null && bad !== null && ctx.budget.fits(plan.estimates.throughputStep);
      i++
    ) {
      const lower = bad / plan.s3.factor;
      if (await step(lower)) good = lower;
      else bad = lower;
    }
    for (let i = 0; i < plan.s3.bisections && good !== null && bad !== null; i++) {
      if (!ctx.budget.fits(plan.estimates.throughputStep)) break;
      const middle = Math.sqrt(good * bad);
      if (await step(middle)) good = middle;
      else bad = middle;
    }
    const load = window.stop();
    // The server's own cost, whatever limited the ceiling: CPU time per keystroke (received
    // once, stored where applicable, sent to three clients) at the start rate, the same for all.
    const first = steps[0];
    const notes = [];
    if (good === null) notes.push(`every step failed, down to ${Math.round(bad)}/s`);
    if (bad === null) notes.push(`no step failed up to ${Math.round(good ?? 0)}/s: the ceiling is higher`);
    return {
      load,
      ceiling: good === null ? 0 : Math.round(good),
      cpuPerKeystrokeUs: first && first.typed > 0 ? (first.serverCpuSeconds / first.typed) * 1e6 : null,
      cpuAtRate: first?.rate,
      steps,
      stoppedBy: steps.find((s) => s.failure !== null)?.failure ?? null,
      notes,
      settings: server.settings,
      serverLog: server.log.counts,
    };
  } finally {
    await group?.close();
    await server.stop();
  }
}

function round(value) {
  return Number.isFinite(value) ? Math.round(value * 10) / 10 : value;
}
