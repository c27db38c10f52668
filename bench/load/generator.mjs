// A load-generator process: it runs the clients of a scenario, away from the orchestrator and
// from the server. The orchestrator calls functions of the task modules in this folder over IPC
// ({ id, module, fn, args } -> { id, ok, result | error }); a module keeps its clients between calls.
import { monitorEventLoopDelay } from 'node:perf_hooks';

const TASKS = new Set(['bytesTask', 'groupTask', 'coldJoinTask', 'catchUpTask']);

// y-websocket adds a process 'exit' listener per provider; hundreds of clients are intended here.
process.setMaxListeners(0);

// How late this process's event loop ran: a saturated generator delays deliveries it measures.
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();

process.on('message', async ({ id, module, fn, args }) => {
  try {
    if (!TASKS.has(module)) throw new Error(`no task module ${module}`);
    const task = await import(`./${module}.mjs`);
    loopDelay.reset();
    const cpu = process.cpuUsage();
    const started = performance.now();
    const result = await task[fn](args);
    const used = process.cpuUsage(cpu);
    const generator = {
      cpuCores: (used.user + used.system) / 1000 / Math.max(1, performance.now() - started),
      loopDelayP99Ms: loopDelay.percentile(99) / 1e6,
    };
    process.send({ id, ok: true, result: { ...result, generator } });
  } catch (error) {
    process.send({
      id,
      ok: false,
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
  }
});
process.on('disconnect', () => process.exit(0));
// An exit, not death by signal: `--cpu-prof` (BENCH_GENERATOR_NODE_ARGS) writes its profile on exit.
process.on('SIGTERM', () => process.exit(0));
