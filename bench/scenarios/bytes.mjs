// Scenario 1: bytes on the wire per keystroke (see load/bytesTask.mjs for what is counted).
import { forkGenerator } from '../lib/generators.mjs';
import { startLoadWindow } from '../lib/machineLoad.mjs';
import { docName, startServer } from '../lib/servers.mjs';
import { percentile } from '../lib/stats.mjs';

export const SCENARIO = '1 bytes per keystroke';

/**
 * The replay sends a whole typing session in seconds; a person never types 200 keystrokes a
 * second, so ours' per-connection message limit (200/s, burst 2000) is raised for this scenario
 * only. Bytes do not depend on it: the limit only closes connections that exceed it.
 */
export const REPLAY_LIMITS = { 'messages-per-second': 1_000_000, 'message-burst': 1_000_000 };

export function bytesUnit(ctx, kind, run) {
  const { plan } = ctx;
  return {
    label: `${SCENARIO} · ${kind} · run ${run + 1}`,
    estimateMs: plan.estimates.bytes,
    async execute() {
      const server = await startServer(kind, {
        product: ctx.product,
        tmpRoot: ctx.tmpRoot,
        template: ctx.template,
        limits: kind === 'ours' ? REPLAY_LIMITS : {},
      });
      const generator = forkGenerator();
      try {
        const tokens = [server.tokenFor(0) ?? null, server.tokenFor(1) ?? null];
        const window = startLoadWindow();
        const single = await generator.call(
          'bytesTask',
          'single',
          {
            kind,
            port: server.port,
            docName: docName(1),
            tokens,
            baseFile: ctx.files.base,
            inserts: plan.s1.inserts,
          },
          120_000,
        );
        const trace = await generator.call(
          'bytesTask',
          'trace',
          {
            kind,
            port: server.port,
            docName: docName(2),
            tokens,
            txns: plan.s1.traceTxns,
            window: 1000,
            timeoutMs: plan.s1.traceTimeoutMs,
          },
          plan.s1.traceTimeoutMs + 30_000,
        );
        const load = window.stop();
        const add = (metric, unit, value, better = 'lower') =>
          ctx.results.add({ scenario: SCENARIO, server: kind, metric, unit, run, value, better });
        const median = (key) =>
          percentile(
            single.perInsert.map((d) => d[key]),
            50,
          );
        add('single insert: up (typist sends)', 'B', median('typistUp'));
        add('single insert: down (each other client receives)', 'B', median('readerDown'));
        add('single insert: typist receives (echo, ack)', 'B', median('typistDown'));
        const n = trace.txns;
        const b = trace.bytes;
        const all = b.typistUp + b.typistDown + b.readerUp + b.readerDown;
        add('trace: up per keystroke (typist sends)', 'B', b.typistUp / n);
        add('trace: down per keystroke (reader receives)', 'B', b.readerDown / n);
        add('trace: typist receives per keystroke (echo, ack)', 'B', b.typistDown / n);
        add('trace: all four directions, per keystroke', 'B', all / n);
        add('trace: all four directions, whole session', 'kB', all / 1000);
        add('trace: replay pace (information)', 'keystrokes/s', n / trace.seconds, 'higher');
        const notes = [];
        const closes = [...single.closes, ...trace.closes];
        if (closes.length > 0) notes.push(`connections closed during the measurement: ${closes.join(', ')}`);
        if (!trace.complete) notes.push('the replayed text did not equal the trace endContent');
        ctx.results.note({
          scenario: SCENARIO,
          server: kind,
          run,
          load,
          attempts: 1,
          timingSensitive: false,
          traceTxns: n,
          traceSeconds: trace.seconds,
          settings: server.settings,
          serverLog: server.log.counts,
          notes,
        });
      } finally {
        await generator.stop();
        await server.stop();
      }
    },
  };
}
