// Time the process spends paused for garbage collection, by kind, for /metrics. On a small
// machine a server that pauses often or long delays every keystroke that arrives meanwhile:
// this is where an administrator sees it, under prom-client's usual name.
import { constants, PerformanceObserver } from 'node:perf_hooks';

const KINDS: Readonly<Record<number, string>> = {
  [constants.NODE_PERFORMANCE_GC_MINOR]: 'minor',
  [constants.NODE_PERFORMANCE_GC_MAJOR]: 'major',
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental',
  [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weakcb',
};

export interface GcPause {
  readonly kind: string;
  readonly count: number;
  readonly seconds: number;
}

const totals = new Map<string, { count: number; seconds: number }>();
let observer: PerformanceObserver | undefined;

/** Starts counting (once per process: collections are the process's, not a server's). */
export function watchGcPauses(): void {
  if (observer !== undefined) return;
  observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const code = (entry as { detail?: { kind?: number } }).detail?.kind;
      const kind = (code !== undefined ? KINDS[code] : undefined) ?? 'other';
      const total = totals.get(kind) ?? { count: 0, seconds: 0 };
      total.count += 1;
      total.seconds += entry.duration / 1000;
      totals.set(kind, total);
    }
  });
  observer.observe({ entryTypes: ['gc'] });
}

/** The totals so far, one row per kind seen. */
export function gcPauses(): GcPause[] {
  return [...totals].map(([kind, total]) => ({ kind, ...total }));
}
