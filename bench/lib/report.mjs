// latest.json (the rows the issue asks for), latest.md (the table with our ratio to each peer,
// the targets, the machine's load and every note) and a raw file with everything.
import { round } from './stats.mjs';

const SERVERS = ['ours', 'stock', 'hocuspocus'];

/** Targets of the issue, as ratios in the same run (or absolute for the extension). */
export function targets(plan) {
  const largest = plan.s2.configs.at(-1);
  const where = `${largest.docs} doc${largest.docs > 1 ? 's' : ''} × ${largest.clientsPerDoc} clients`;
  return [
    { scenario: '1', metric: /^single insert: up/, peer: 'stock', max: 1, text: '≤ stock' },
    { scenario: '1', metric: /^single insert: down/, peer: 'stock', max: 1, text: '≤ stock' },
    {
      scenario: '1',
      metric: /^trace: all four directions, whole session/,
      peer: 'stock',
      max: 1 / 3,
      text: '≤ ⅓ of stock',
    },
    { scenario: '2', metric: new RegExp(`^p99 at ${where}$`), peer: 'stock', max: 1, text: '≤ stock' },
    { scenario: '3', metric: /^keystrokes\/s/, peer: 'stock', min: 1, text: '≥ stock' },
    { scenario: '3', metric: /^keystrokes\/s/, peer: 'hocuspocus', min: 2, text: '≥ 2 × Hocuspocus' },
    { scenario: '4', metric: /^RSS/, peer: 'stock', max: 1, text: '≤ stock' },
    { scenario: '5', metric: /^bytes received/, peer: 'stock', max: 1 / 3, text: '≤ ⅓ of stock' },
    { scenario: '5', metric: /^time until synced/, peer: 'stock', max: 1, text: '≤ stock' },
    { scenario: '7', metric: /: p95$/, limit: 16, text: '≤ 16 ms' },
    { scenario: '7', metric: /^activation/, limit: 100, text: '≤ 100 ms' },
    { scenario: '7', metric: /^\.vsix size/, limit: 2, text: '≤ 2 MB' },
  ];
}

/** Every target with its verdict: met (true/false) or null when something was not measured. */
export function evaluate(rows, plan) {
  const find = (scenario, metric, server) =>
    rows.find((r) => r.scenario.startsWith(scenario) && metric.test(r.metric) && r.server === server);
  return targets(plan).map((t) => {
    const ours = find(t.scenario, t.metric, 'ours');
    if (t.limit !== undefined) {
      const value = ours?.median ?? null;
      return { ...t, metricName: ours?.metric, value, met: value === null ? null : value <= t.limit };
    }
    const peer = find(t.scenario, t.metric, t.peer);
    const ratio = ratioOf(ours?.median, peer?.median);
    const met = ratio === null ? null : t.max !== undefined ? ratio <= t.max : ratio >= t.min;
    return { ...t, metricName: ours?.metric ?? peer?.metric, ratio, met };
  });
}

function ratioOf(a, b) {
  if (a === null || a === undefined || b === null || b === undefined) return null;
  if (a === Number.POSITIVE_INFINITY) return Number.POSITIVE_INFINITY;
  if (b === 0 || b === Number.POSITIVE_INFINITY) return null;
  return a / b;
}

/** The rows of latest.json: exactly { scenario, server, metric, unit, min, median, max }. */
export function jsonRows(rows) {
  return rows.map(({ scenario, server, metric, unit, min, median, max }) => ({
    scenario,
    server,
    metric,
    unit,
    min: roundFor(unit, min),
    median: roundFor(unit, median),
    max: roundFor(unit, max),
  }));
}

function roundFor(unit, value) {
  if (value === null || value === undefined || !Number.isFinite(value)) return value ?? null;
  if (unit === 'keystrokes/s') return Math.round(value);
  return round(value, unit === 'MB' || unit === 'cores' ? 3 : 2);
}

function show(unit, value) {
  if (value === null || value === undefined) return '–';
  if (value === Number.POSITIVE_INFINITY) return 'lost';
  const r = roundFor(unit, value);
  return Math.abs(r) >= 1000 ? r.toLocaleString('en') : String(r);
}

function showRatio(ratio) {
  if (ratio === null || ratio === undefined) return '–';
  if (ratio === Number.POSITIVE_INFINITY) return '∞';
  return `${ratio.toFixed(2)}×`;
}

export function markdown({ rows, verdicts, meta, measurements, skipped, plan }) {
  const lines = [];
  lines.push(
    `# Benchmark results${plan.quick ? ' (quick mode: smaller sizes, 1 run — not comparable with a full run)' : ''}`,
  );
  lines.push('');
  lines.push(
    `${meta.date} · ${plan.runs} run${plan.runs > 1 ? 's' : ''} · ${meta.durationMinutes} min · ` +
      `product ${meta.product.source === 'head' ? 'at' : 'working tree on'} ${meta.product.commit}` +
      `${meta.product.dirty ? ' (with uncommitted changes)' : ''} · ${meta.machine}`,
  );
  lines.push('');
  lines.push(
    'Values are the median over the runs, with min–max in brackets. Ratios are ours ÷ peer, medians of the same run. ' +
      'Servers: ours = `cli.js serve` with durable SQLite storage and token auth; stock = `@y/websocket-server` 0.1.1 ' +
      'unmodified; hocuspocus = `@hocuspocus/server` 4.7.0 without extensions. See bench/README.md for what each number counts.',
  );
  lines.push('');
  lines.push('| scenario | metric | unit | ours | stock | hocuspocus | ours ÷ stock | ours ÷ hocuspocus |');
  lines.push('|---|---|---|---|---|---|---|---|');
  const metrics = [];
  for (const r of rows) {
    if (!metrics.some((m) => m.scenario === r.scenario && m.metric === r.metric)) metrics.push(r);
  }
  for (const m of metrics) {
    const cell = {};
    for (const s of SERVERS) {
      const r = rows.find((x) => x.scenario === m.scenario && x.metric === m.metric && x.server === s);
      cell[s] = r;
    }
    const fmt = (r) =>
      r
        ? r.runs > 1
          ? `${show(r.unit, r.median)} (${show(r.unit, r.min)}–${show(r.unit, r.max)})`
          : show(r.unit, r.median)
        : '';
    const ratio = (peer) =>
      cell.ours && cell[peer] ? showRatio(ratioOf(cell.ours.median, cell[peer].median)) : '';
    lines.push(
      `| ${m.scenario} | ${m.metric} | ${m.unit} | ${fmt(cell.ours)} | ${fmt(cell.stock)} | ${fmt(cell.hocuspocus)} | ${ratio('stock')} | ${ratio('hocuspocus')} |`,
    );
  }
  lines.push('');
  lines.push('## Targets');
  lines.push('');
  lines.push('| target | metric | ours | result |');
  lines.push('|---|---|---|---|');
  for (const v of verdicts) {
    const value = v.limit !== undefined ? show('ms', v.value) : showRatio(v.ratio);
    const result = v.met === null ? 'not measured' : v.met ? 'met' : `**missed** (${missBy(v)})`;
    lines.push(`| ${v.text} | ${v.metricName ?? v.metric.source} | ${value} | ${result} |`);
  }
  lines.push('');
  lines.push('## How busy the machine was');
  lines.push('');
  lines.push(
    'CPU used by processes outside the bench (all CPU time of the machine minus the bench’s own process tree), ' +
      'averaged over each timed window, in cores of 2. A timing with more than 0.25 cores of other work is ' +
      'measured again (at most twice, while the time budget allows); the least disturbed attempt is kept.',
  );
  lines.push('');
  lines.push(
    'Also shown: the 1-minute load average and Linux pressure stall information for the window: the share of ' +
      'time some task (the bench’s or others’) waited for a CPU, or for the disk (fsync).',
  );
  lines.push('');
  const others = measurements.map((m) => m.load.othersCores);
  if (others.length > 0) {
    const mean = others.reduce((a, b) => a + b, 0) / others.length;
    const disturbed = measurements.filter((m) => m.load.disturbed).length;
    lines.push(
      `Over all ${measurements.length} measurements other processes used ${mean.toFixed(2)} cores on average ` +
        `(at most ${Math.max(...others).toFixed(2)}); ${disturbed} of them were disturbed (over 0.25 cores) in the attempt kept.`,
    );
    lines.push('');
  }
  lines.push('| measurement | run | others (cores) | load avg | CPU wait | disk wait | attempts | notes |');
  lines.push('|---|---|---|---|---|---|---|---|');
  for (const m of measurements) {
    const what = [m.scenario, m.config ?? m.what, m.server].filter(Boolean).join(' · ');
    const attempts = Array.isArray(m.attempts)
      ? `${m.attempts.length} (others: ${m.attempts.map((a) => a.othersCores).join(', ')})`
      : String(m.attempts);
    lines.push(
      `| ${what} | ${m.run + 1} | ${m.load.othersCores}${m.load.disturbed ? ' (disturbed)' : ''} | ${m.load.loadavg1} | ${percent(m.load.cpuPressure)} | ${percent(m.load.ioPressure)} | ${attempts} | ${(m.notes ?? []).join('; ')} |`,
    );
  }
  if (skipped.length > 0) {
    lines.push('');
    lines.push('## Not measured');
    lines.push('');
    for (const s of skipped) lines.push(`- ${s.what}: ${s.reason}`);
  }
  lines.push('');
  lines.push('## Settings');
  lines.push('');
  for (const line of meta.settings) lines.push(`- ${line}`);
  lines.push('');
  return lines.join('\n');
}

function missBy(v) {
  if (v.limit !== undefined) return `${show('ms', v.value)} vs ${v.limit}`;
  if (v.ratio === Number.POSITIVE_INFINITY) return 'lost deliveries';
  if (v.max !== undefined) return `${((v.ratio / v.max - 1) * 100).toFixed(0)}% over`;
  return `${((1 - v.ratio / v.min) * 100).toFixed(0)}% under`;
}

function percent(share) {
  return share === null || share === undefined ? '–' : `${Math.round(share * 100)}%`;
}
