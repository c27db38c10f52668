// Scenario 6: two replicas that each made N edits while offline reconnect at once. See
// load/catchUpTask.mjs.
import { docName } from '../lib/servers.mjs';
import { measureOneTask } from './oneTask.mjs';

export const SCENARIO = '6 offline catch-up';

export function catchUpUnit(ctx, kind, run) {
  const { plan } = ctx;
  const label = `${SCENARIO} · ${kind} · run ${run + 1}`;
  const estimateMs = plan.estimates.catchUp;
  return {
    label,
    estimateMs,
    async execute() {
      const outcome = await measureOneTask(ctx, kind, {
        label,
        estimateMs,
        task: 'catchUpTask',
        args: (server) => ({
          docName: docName(8),
          tokens: [0, 1, 2].map((i) => server.tokenFor(i) ?? null),
          baseFile: ctx.files.base,
          baseTxns: ctx.base.txns,
          edits: plan.s6.edits,
          timeoutMs: 60_000,
        }),
        timeoutMs: 120_000,
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
