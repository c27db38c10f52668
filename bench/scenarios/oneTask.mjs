// Scenarios 5 and 6 measure one exchange as a whole: a fresh server, one load generator running
// one task of bench/load/, and the machine's load over that time.
import { forkGenerator } from '../lib/generators.mjs';
import { startLoadWindow } from '../lib/machineLoad.mjs';
import { measure } from '../lib/measure.mjs';
import { startServer } from '../lib/servers.mjs';

/**
 * Runs `run` of bench/load/<task>.mjs against a server of `kind` started for each attempt, with
 * `{ kind, port, ...args(server) }`; resolves to measure()'s outcome with the task's `result`.
 */
export function measureOneTask(ctx, kind, { label, estimateMs, task, args, timeoutMs }) {
  return measure({
    budget: ctx.budget,
    estimateMs,
    maxRetries: ctx.plan.maxRetries,
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
          task,
          'run',
          { kind, port: server.port, ...args(server) },
          timeoutMs,
        );
        return { load: window.stop(), result, settings: server.settings };
      } finally {
        await generator.stop();
        await server.stop();
      }
    },
  });
}
