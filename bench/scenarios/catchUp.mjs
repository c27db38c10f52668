// Scenario 6: two replicas that each made N edits while offline reconnect at once. See
// load/catchUpTask.mjs.
import { forkGenerator } from '../lib/generators.mjs';
import { startLoadWindow } from '../lib/machineLoad.mjs';
import { measure } from '../lib/measure.mjs';
import { docName, startServer } from '../lib/servers.mjs';

export const SCENARIO = '6 offline catch-up';

export function catchUpUnit(ctx, kind, run) {
  const { plan } = ctx;
  const label = `${SCENARIO} · ${kind} · run ${run + 1}`;
  const estimateMs = plan.estimates.catchUp;
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
        attempt: async () => {
          const server = await startServer(kind, {
            product: ctx.product,
            tmpRoot: ctx.tmpRoot,
            template: ctx.template,
          });
          const generator = forkGenerator();
          try {
            const window = startLoadWindow();
            const result = await generator.call(
              'catchUpTask',
              'run',
              {
                kind,
                port: server.port,
                docName: docName(8),
                tokens: [0, 1, 2].map((i) => server.tokenFor(i) ?? null),
                baseFile: ctx.files.base,
                baseTxns: ctx.base.txns,
                edits: plan.s6.edits,
                timeoutMs: 60_000,
              },
              120_000,
            );
            return { load: window.stop(), result, settings: server.settings };
          } finally {
            await generator.stop();
            await server.stop();
          }
        },
      });
      const each = `${plan.s6.edits.toLocaleString('en')} edits each`;
      const add = (metric, unit, value) =>
        ctx.results.add({ scenario: SCENARIO, server: kind, metric, unit, run, value });
      add(`bytes exchanged, both replicas, both ways (${each})`, 'kB', outcome.result.total / 1000);
      add(`time until both converge (${each})`, 'ms', outcome.result.ms);
      ctx.results.note({
        scenario: SCENARIO,
        server: kind,
        run,
        load: outcome.load,
        attempts: outcome.attempts,
        timingSensitive: true,
        up: outcome.result.up,
        down: outcome.result.down,
        settings: outcome.settings,
        notes: [],
      });
    },
  };
}
