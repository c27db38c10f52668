// How busy the machine was while we measured: CPU time the whole machine spent minus what the
// bench's own process tree (orchestrator, servers, load generators) spent. Other engineers run
// tests on the same two cores; a timing taken while they do is retried (see measure.mjs).
import os from 'node:os';
import { machineBusySeconds, pressureMicros, treeCpuSeconds } from './proc.mjs';

/** Other processes using more than this many cores on average disturb a timing. */
export const DISTURBED_CORES = 0.25;

export function startLoadWindow() {
  const started = performance.now();
  const busy = machineBusySeconds();
  const ours = treeCpuSeconds(process.pid);
  const pressure = pressureMicros();
  return {
    stop() {
      const wallSeconds = (performance.now() - started) / 1000;
      const busyDelta = machineBusySeconds() - busy;
      const oursDelta = treeCpuSeconds(process.pid) - ours;
      const othersCores = Math.max(0, busyDelta - oursDelta) / Math.max(wallSeconds, 0.001);
      // Share of the time some task (ours or others') waited for a CPU, or for the disk.
      const after = pressureMicros();
      const share = (key) =>
        pressure[key] === null || after[key] === null
          ? null
          : round((after[key] - pressure[key]) / 1e6 / Math.max(wallSeconds, 0.001), 2);
      return {
        wallSeconds: round(wallSeconds, 2),
        cores: os.cpus().length,
        oursCores: round(oursDelta / Math.max(wallSeconds, 0.001), 2),
        othersCores: round(othersCores, 2),
        loadavg1: round(os.loadavg()[0], 2),
        cpuPressure: share('cpu'),
        ioPressure: share('io'),
        disturbed: othersCores > DISTURBED_CORES,
      };
    },
  };
}

/** Waits (at most `maxMs`) for a second in which other processes use little CPU; returns that load. */
export async function waitForQuiet(maxMs) {
  const deadline = performance.now() + maxMs;
  let last;
  do {
    const window = startLoadWindow();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    last = window.stop();
    if (!last.disturbed) return last;
  } while (performance.now() < deadline);
  return last;
}

function round(value, digits) {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
