// Scenario 5: a teacher opens, for the first time, a plan with 100,000 edits of history (the
// first 100,000 transactions of seph-blog1, typed over 16 sessions). See load/coldJoinTask.mjs.
import { docName } from '../lib/servers.mjs';
import { measureOneTask } from './oneTask.mjs';

export const SCENARIO = '5 cold join';

export function coldJoinUnit(ctx, kind, run) {
  const { plan } = ctx;
  const label = `${SCENARIO} · ${kind} · run ${run + 1}`;
  const estimateMs = plan.estimates.coldJoin;
  return {
    label,
    estimateMs,
    async execute() {
      const outcome = await measureOneTask(ctx, kind, {
        label,
        estimateMs,
        task: 'coldJoinTask',
        args: (server) => ({
          docName: docName(7),
          tokens: [server.tokenFor(0) ?? null, server.tokenFor(1) ?? null],
          historyFile: ctx.files.history,
          timeoutMs: 60_000,
        }),
        timeoutMs: 90_000,
      });
      const edits = `${ctx.history.txns.toLocaleString('en')} edits`;
      const add = (metric, unit, value) =>
        ctx.results.add({ scenario: SCENARIO, server: kind, metric, unit, run, value });
      add(`bytes received until synced (${edits})`, 'kB', outcome.result.down / 1000);
      add(`bytes sent until synced (${edits})`, 'kB', outcome.result.up / 1000);
      add(`time until synced (${edits})`, 'ms', outcome.result.ms);
      ctx.results.note({
        scenario: SCENARIO,
        server: kind,
        run,
        load: outcome.load,
        attempts: outcome.attempts,
        timingSensitive: true,
        settings: outcome.settings,
        notes:
          outcome.result.closes.length > 0 ? [`connection closes: ${outcome.result.closes.join(', ')}`] : [],
      });
    },
  };
}
