// Scenario 7, in the extension: a remote keystroke applied into a 50 KB plan through the binding
// (extension/remoteKeystroke.ts), activation (extension/activation.mjs, a real code-server), the
// cost of loading the bundle (extension/bundleLoad.mjs) and the size of the .vsix.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { activationUnavailable, measureActivation } from '../extension/activation.mjs';
import { startLoadWindow } from '../lib/machineLoad.mjs';
import { measure } from '../lib/measure.mjs';
import { ROOT } from '../lib/paths.mjs';
import { percentile } from '../lib/stats.mjs';

export const SCENARIO = '7 extension';
const run$ = promisify(execFile);

function record(ctx, run, metric, unit, value) {
  ctx.results.add({ scenario: SCENARIO, server: 'ours', metric, unit, run, value });
}

export function remoteKeystrokeUnit(ctx, run) {
  const { plan } = ctx;
  const label = `${SCENARIO} · remote keystroke · run ${run + 1}`;
  return {
    label,
    estimateMs: plan.estimates.remoteKeystroke,
    async execute() {
      const outcome = await measure({
        budget: ctx.budget,
        estimateMs: plan.estimates.remoteKeystroke,
        maxRetries: plan.maxRetries,
        log: ctx.log,
        label,
        attempt: async () => {
          const window = startLoadWindow();
          const { stdout } = await run$(
            process.execPath,
            [ctx.bindingHarness, ctx.files.plan50k, String(plan.s7.keystrokes), String(plan.s7.warmup)],
            { timeout: 120_000, maxBuffer: 1 << 26 },
          );
          return { load: window.stop(), ...JSON.parse(stdout) };
        },
      });
      const where = `${(outcome.length / 1000).toFixed(0)} KB plan`;
      record(ctx, run, `remote keystroke into a ${where}: p50`, 'ms', percentile(outcome.samples, 50));
      record(ctx, run, `remote keystroke into a ${where}: p95`, 'ms', percentile(outcome.samples, 95));
      ctx.results.note({
        scenario: SCENARIO,
        server: 'ours',
        run,
        what: 'remote keystroke',
        load: outcome.load,
        attempts: outcome.attempts,
        timingSensitive: true,
        keystrokes: outcome.samples.length,
        maxMs: Math.max(...outcome.samples),
        notes: [],
      });
    },
  };
}

export function bundleLoadUnit(ctx, run) {
  const { plan } = ctx;
  const label = `${SCENARIO} · bundle load · run ${run + 1}`;
  return {
    label,
    estimateMs: plan.estimates.bundleLoad,
    async execute() {
      const outcome = await measure({
        budget: ctx.budget,
        estimateMs: plan.estimates.bundleLoad,
        maxRetries: plan.maxRetries,
        log: ctx.log,
        label,
        attempt: async () => {
          const window = startLoadWindow();
          const { stdout } = await run$(
            process.execPath,
            [`${ROOT}/bench/extension/bundleLoad.mjs`, ctx.product.extensionBundle],
            { timeout: 60_000 },
          );
          return { load: window.stop(), ...JSON.parse(stdout) };
        },
      });
      record(ctx, run, 'loading the extension bundle (require, Node 20, before activate)', 'ms', outcome.ms);
      ctx.results.note({
        scenario: SCENARIO,
        server: 'ours',
        run,
        what: 'bundle load',
        load: outcome.load,
        attempts: outcome.attempts,
        timingSensitive: true,
        notes: [],
      });
    },
  };
}

/**
 * One code-server for all runs: the workbench is loaded once and then reloaded (each load starts
 * a new extension host, which activates the extension again), one load per run. Starting
 * code-server and Chromium costs most of a minute here, so it is done once.
 */
export function activationUnit(ctx) {
  const { plan } = ctx;
  const label = `${SCENARIO} · activation in code-server (${plan.runs} window loads)`;
  return {
    label,
    estimateMs: plan.estimates.activation,
    async execute() {
      const unavailable = activationUnavailable();
      if (unavailable) {
        ctx.results.skip(label, unavailable);
        return;
      }
      const window = startLoadWindow();
      const { activations } = await measureActivation({
        product: ctx.product,
        tmpRoot: ctx.tmpRoot,
        timeoutMs: 150_000,
        loads: plan.runs,
      });
      const load = window.stop();
      for (const [run, ms] of activations.entries()) {
        record(ctx, run, 'activation (log line "Activated in … ms", code-server)', 'ms', ms);
      }
      ctx.results.note({
        scenario: SCENARIO,
        server: 'ours',
        run: 0,
        what: 'activation',
        load,
        attempts: 1,
        timingSensitive: true,
        notes: [`one code-server, ${activations.length} window loads: ${activations.join(', ')} ms`],
      });
    },
  };
}

export function recordVsix(ctx) {
  if (ctx.product.vsixBytes === null) {
    ctx.results.skip(`${SCENARIO} · .vsix size`, '`npm run package` failed');
    return;
  }
  record(ctx, 0, '.vsix size (npm run package)', 'MB', ctx.product.vsixBytes / 1e6);
}
