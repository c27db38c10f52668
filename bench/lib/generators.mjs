// Forking load-generator processes (bench/load/generator.mjs) and calling their tasks.
import { fork } from 'node:child_process';
import path from 'node:path';
import { track } from './children.mjs';
import { ROOT } from './paths.mjs';

const ENTRY = path.join(ROOT, 'bench', 'load', 'generator.mjs');

export function forkGenerator() {
  const child = track(
    fork(ENTRY, [], {
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      // Hundreds of Y.Docs with long histories per process: a larger young generation halves
      // the time spent collecting garbage and keeps the generator's own pauses out of the latencies.
      // For development only: e.g. BENCH_GENERATOR_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/gen'.
      execArgv: [
        '--max-old-space-size=6144',
        '--max-semi-space-size=64',
        ...(process.env.BENCH_GENERATOR_NODE_ARGS ?? '').split(' ').filter(Boolean),
      ],
    }),
  );
  let nextId = 0;
  const pending = new Map();
  child.on('message', ({ id, ok, result, error }) => {
    const call = pending.get(id);
    if (!call) return;
    pending.delete(id);
    clearTimeout(call.timer);
    if (ok) call.resolve(result);
    else call.reject(new Error(`generator: ${error}`));
  });
  child.on('exit', (code, signal) => {
    for (const call of pending.values()) {
      clearTimeout(call.timer);
      call.reject(new Error(`generator exited (${code ?? signal})`));
    }
    pending.clear();
  });
  return {
    pid: child.pid,
    /** Calls `fn` of bench/load/<module>.mjs; fails after `timeoutMs` (every call is bounded). */
    call(module, fn, args, timeoutMs) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new Error(`generator: ${module}.${fn} took longer than ${timeoutMs} ms`));
        }, timeoutMs);
        pending.set(id, { resolve, reject, timer });
        child.send({ id, module, fn, args });
      });
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
