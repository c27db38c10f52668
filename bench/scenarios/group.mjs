// Documents with several clients each, spread over load-generator processes (all clients of one
// document in the same process, so their latencies share one clock). Used by scenarios 2, 3, 4.
import { forkGenerator } from '../lib/generators.mjs';
import { docName } from '../lib/servers.mjs';

/** Opens `docs` × `clientsPerDoc` clients, each with its own member token on ours. */
export async function openGroup(ctx, server, { docs, clientsPerDoc, generators }) {
  const procs = Array.from({ length: generators }, () => forkGenerator());
  const documents = Array.from({ length: docs }, (_, i) => ({
    name: docName(i),
    tokens: Array.from({ length: clientsPerDoc }, (_, j) => server.tokenFor(i * clientsPerDoc + j) ?? null),
  }));
  const group = {
    procs,
    async type(args, timeoutMs) {
      const parts = await Promise.all(procs.map((p) => p.call('groupTask', 'type', args, timeoutMs)));
      return merge(parts);
    },
    async close() {
      await Promise.allSettled(procs.map((p) => p.call('groupTask', 'close', {}, 30_000)));
      await Promise.all(procs.map((p) => p.stop()));
    },
  };
  try {
    const connectTimeout = 60_000 + docs * clientsPerDoc * 200;
    const started = performance.now();
    await Promise.all(
      procs.map((p, k) =>
        p.call(
          'groupTask',
          'connect',
          {
            kind: server.kind,
            port: server.port,
            documents: documents.filter((_, i) => i % generators === k),
            baseFile: ctx.files.base,
          },
          connectTimeout,
        ),
      ),
    );
    group.connectSeconds = (performance.now() - started) / 1000;
    return group;
  } catch (error) {
    await group.close();
    throw error;
  }
}

/** One typing phase's results from every generator, as one. */
function merge(parts) {
  const latencies = new Float64Array(parts.reduce((n, p) => n + p.latencies.length, 0));
  let at = 0;
  for (const p of parts) {
    latencies.set(p.latencies, at);
    at += p.latencies.length;
  }
  const sum = (key) => parts.reduce((n, p) => n + p[key], 0);
  const max = (f) => Math.max(...parts.map(f));
  return {
    latencies,
    typed: sum('typed'),
    expected: sum('expected'),
    delivered: sum('delivered'),
    offeredRate: sum('offeredRate'),
    achievedRate: sum('achievedRate'),
    scheduleLagP99Ms: max((p) => p.scheduleLagP99Ms),
    generatorLoopDelayP99Ms: max((p) => p.generator.loopDelayP99Ms),
    generatorCpuCores: parts.reduce((n, p) => n + p.generator.cpuCores, 0),
    closes: parts.flatMap((p) => p.closes),
  };
}

/**
 * p50, p99 and max where a delivery that never arrived (within the drain time) counts as
 * slower than any that did: a lost keystroke must not improve a percentile.
 */
export function latencyWithLosses(phase) {
  const missing = Math.max(0, phase.expected - phase.delivered);
  const sorted = Float64Array.from(phase.latencies).sort();
  const total = sorted.length + missing;
  const at = (p) => {
    if (total === 0) return null;
    const rank = Math.min(total, Math.max(1, Math.ceil((p / 100) * total)));
    return rank <= sorted.length ? sorted[rank - 1] : Number.POSITIVE_INFINITY;
  };
  return {
    p50: at(50),
    p99: at(99),
    max: missing > 0 ? Number.POSITIVE_INFINITY : at(100),
    missing,
    count: total,
  };
}
