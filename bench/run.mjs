// `npm run bench`: our sync server side by side with the stock y-websocket server and Hocuspocus,
// on this machine, in one run (bench/README.md). `npm run bench -- --quick` is a smaller,
// one-run smoke test (CI). Exits non-zero only when something crashed, never on a timing.
//
// Options: --quick, --runs N, --source working|head (default working: the working tree as it is;
// head: the last commit); --wait-quiet M (before starting, wait up to M minutes for 10 quiet
// seconds; the time limit starts after); for development: --only 1,2,... (scenarios), --servers ours,stock,...
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createBudget } from './lib/budget.mjs';
import './lib/children.mjs';
import { waitForQuiet } from './lib/machineLoad.mjs';
import { ROOT } from './lib/paths.mjs';
import { makePlan } from './lib/plan.mjs';
import { bundleBindingHarness, bundleDesktopWebSocket, prepareProduct } from './lib/product.mjs';
import { evaluate, jsonRows, markdown } from './lib/report.mjs';
import { Results } from './lib/results.mjs';
import { prepareOursTemplate, SERVER_KINDS } from './lib/servers.mjs';
import { buildHistory, checkTrace, loadTrace, txnsUntilLength } from './lib/trace.mjs';
import { bytesUnit, REPLAY_LIMITS } from './scenarios/bytes.mjs';
import { catchUpUnit } from './scenarios/catchUp.mjs';
import { coldJoinUnit } from './scenarios/coldJoin.mjs';
import { activationUnit, bundleLoadUnit, recordVsix, remoteKeystrokeUnit } from './scenarios/extension.mjs';
import { latencyUnit } from './scenarios/latency.mjs';
import { throughputUnit } from './scenarios/throughput.mjs';

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    runs: { type: 'string' },
    source: { type: 'string', default: 'working' },
    only: { type: 'string' },
    servers: { type: 'string' },
    'wait-quiet': { type: 'string' },
  },
});
if (!['working', 'head'].includes(args.source)) throw new Error('--source is working or head');
const plan = makePlan({ quick: args.quick, runs: args.runs === undefined ? undefined : Number(args.runs) });
const only = args.only === undefined ? null : new Set(args.only.split(','));
const wanted = (scenario) => only === null || only.has(scenario);
const servers =
  args.servers === undefined ? SERVER_KINDS : args.servers.split(',').filter((s) => SERVER_KINDS.includes(s));

if (args['wait-quiet'] !== undefined) {
  const minutes = Number(args['wait-quiet']);
  const deadline = performance.now() + minutes * 60_000;
  process.stdout.write(
    `[bench] waiting up to ${minutes} min for 10 s in which other processes use under 0.25 cores\n`,
  );
  let quiet = 0;
  while (quiet < 10 && performance.now() < deadline) {
    const load = await waitForQuiet(1_000);
    quiet = load.disturbed ? 0 : quiet + 1;
  }
  process.stdout.write(`[bench] ${quiet >= 10 ? 'quiet' : 'still busy'}; starting\n`);
}
const budget = createBudget(plan.budgetMs);
const log = (message) => {
  const s = Math.round(budget.elapsedMs() / 1000);
  process.stdout.write(
    `[bench ${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}] ${message}\n`,
  );
};

const results = new Results();
const tmpRoot = mkdtempSync(path.join(os.tmpdir(), 'cluster-lessons-bench-'));
let crashed = 0;
try {
  log(
    `${plan.quick ? 'quick mode: 1 run, smaller sizes (not comparable with a full run)' : `full mode: ${plan.runs} runs`}; budget ${plan.budgetMs / 60_000} min`,
  );
  const before = await waitForQuiet(plan.quick ? 2_000 : 10_000);
  log(`before starting, other processes used ${before.othersCores} cores (load average ${before.loadavg1})`);

  const product = prepareProduct(args.source, log);
  const bindingHarness = await bundleBindingHarness(product);
  await bundleDesktopWebSocket(product);
  log('building the documents from seph-blog1');
  const trace = loadTrace();
  if (!plan.quick) checkTrace(trace);
  const base = buildHistory(trace, txnsUntilLength(trace, 20_000));
  const history = buildHistory(trace, plan.s5.historyTxns);
  const plan50k = buildHistory(trace, txnsUntilLength(trace, 50_000));
  const files = {
    base: path.join(tmpRoot, 'plan-20k.bin'),
    history: path.join(tmpRoot, 'history.bin'),
    plan50k: path.join(tmpRoot, 'plan-50k.bin'),
  };
  writeFileSync(files.base, base.update);
  writeFileSync(files.history, history.update);
  writeFileSync(files.plan50k, plan50k.update);
  const members = Math.max(
    3,
    plan.s3.docs * plan.s3.clientsPerDoc,
    ...plan.s2.configs.map((c) => c.docs * c.clientsPerDoc),
  );
  log(`preparing ours: a cluster with ${members} members (one per client connection)`);
  const template = await prepareOursTemplate(product, tmpRoot, members);
  const ctx = {
    plan,
    product,
    bindingHarness,
    tmpRoot,
    template,
    files,
    base,
    history,
    results,
    budget,
    log,
  };

  const units = [];
  for (let run = 0; run < plan.runs; run++) {
    // A different server goes first in each run, so slow drift of the machine favours nobody.
    const kinds = servers.map((_, i) => servers[(i + run) % servers.length]);
    if (wanted('1')) for (const kind of kinds) units.push(bytesUnit(ctx, kind, run));
    if (wanted('5')) for (const kind of kinds) units.push(coldJoinUnit(ctx, kind, run));
    if (wanted('6')) for (const kind of kinds) units.push(catchUpUnit(ctx, kind, run));
    if (wanted('2') || wanted('4')) {
      for (const config of plan.s2.configs)
        for (const kind of kinds) units.push(latencyUnit(ctx, kind, run, config));
    }
    if (wanted('3')) for (const kind of kinds) units.push(throughputUnit(ctx, kind, run));
    if (wanted('7')) {
      units.push(remoteKeystrokeUnit(ctx, run), bundleLoadUnit(ctx, run));
      if (plan.s7.activation && run === 0) units.push(activationUnit(ctx));
    }
  }
  if (wanted('7')) recordVsix(ctx);
  if (!plan.s7.activation && wanted('7'))
    results.skip(`7 extension · activation`, 'quick mode does not start code-server and Chromium');
  for (const unit of units) budget.plan(unit.estimateMs);
  for (const unit of units) {
    budget.release(unit.estimateMs);
    // Half again the estimate must fit: a unit running over must not take the run past its limit.
    if (!budget.fits(unit.estimateMs * 1.5)) {
      results.skip(unit.label, `the time budget (${plan.budgetMs / 60_000} min) ran out`);
      log(`skipped (time budget): ${unit.label}`);
      continue;
    }
    log(unit.label);
    try {
      await unit.execute();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      // A server (or the machine) too slow to finish within a bounded wait is a result, not a crash.
      if (
        /not synced after|timed out|took longer than|incomplete after|did not start in time/.test(message)
      ) {
        results.skip(unit.label, `failed: ${message.replace(/^(generator: )?Error: /, '').split('\n')[0]}`);
        log(`FAILED (too slow): ${unit.label}: ${message.split('\n')[0]}`);
      } else {
        crashed += 1;
        results.skip(unit.label, `crashed: ${message.split('\n')[0]}`);
        log(`CRASHED: ${unit.label}\n${error instanceof Error ? error.stack : message}`);
      }
    }
  }

  const rows = results.rows();
  const verdicts = evaluate(rows, plan);
  const meta = {
    date: new Date().toISOString().slice(0, 16).replace('T', ' '),
    durationMinutes: (budget.elapsedMs() / 60_000).toFixed(1),
    product: { source: product.source, commit: product.commit, dirty: product.dirty },
    machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Linux ${os.release()}`,
    settings: [
      `ours: release build of dist/server/cli.js, Node ${process.version}, SQLite durable storage (each commit of the update log synced to disk before it is broadcast) and token auth on, default limits (200 messages/s per connection, burst 2000, 100 open documents per member); every client connection is its own member (${members} members joined with the invite code).`,
      `ours, scenario 1 only: --messages-per-second ${REPLAY_LIMITS['messages-per-second']} --message-burst ${REPLAY_LIMITS['message-burst']}, because the trace replay sends a whole session in seconds (no person types that fast; the limit closes connections and does not change bytes).`,
      `stock: node_modules/@y/websocket-server/src/server.js, Node ${process.version}, documents in memory, no auth.`,
      'hocuspocus: `new Server({ port: 0, address: "127.0.0.1", quiet: true })` without extensions, Node 24 (.cache/tools), documents in memory, no auth.',
      'clients: y-websocket 3.1.0 WebsocketProvider (ours, stock) and @hocuspocus/provider 4.8.0 (hocuspocus), Node `ws` as WebSocket, library defaults (presence on, permessage-deflate offered by `ws`); ours: the desktop extension’s WebSocket, and the first sync asked for in Yjs’ v2 encoding, as the extension does.',
      `documents: a 20 KB plan = the first ${base.txns.toLocaleString('en')} transactions of seph-blog1 (${base.length} characters, ${base.sessions} sessions, ${base.update.length} bytes as a Yjs update); cold join: the first ${history.txns.toLocaleString('en')} transactions (${history.length} characters, ${history.sessions} sessions, ${history.update.length} bytes); extension: ${plan50k.length} characters (${plan50k.txns.toLocaleString('en')} transactions).`,
      `scenario 2: ${plan.s2.seconds} s of typing at 10 keystrokes/s per document, then up to ${plan.s2.drainSeconds} s for the last deliveries; scenario 3: ${plan.s3.stepSeconds} s per step from ${plan.s3.startRate}/s, × ${plan.s3.factor} per step, ${plan.s3.bisections} bisection(s).`,
    ],
  };
  const measurements = results.measurements;
  const outDir = path.join(ROOT, 'bench', 'results');
  const rawDir = path.join(outDir, 'raw');
  mkdirSync(rawDir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  writeFileSync(
    path.join(rawDir, `${plan.quick ? 'quick' : 'full'}-${stamp}.json`),
    JSON.stringify(
      { meta, plan, rows, verdicts, measurements, skipped: results.skipped, entries: results.entries() },
      null,
      2,
    ),
  );
  // Only a whole full run replaces the committed results: a quick run's sizes differ, and a run
  // restricted with --only or --servers would drop every row it did not measure.
  const partial = only !== null || servers.length !== SERVER_KINDS.length;
  const kind = plan.quick ? 'quick' : partial ? 'partial' : null;
  const jsonPath = kind ? path.join(rawDir, `${kind}-latest.json`) : path.join(outDir, 'latest.json');
  const mdPath = kind ? path.join(rawDir, `${kind}-latest.md`) : path.join(outDir, 'latest.md');
  writeFileSync(jsonPath, `${JSON.stringify(jsonRows(rows), null, 2)}\n`);
  writeFileSync(mdPath, markdown({ rows, verdicts, meta, measurements, skipped: results.skipped, plan }));

  const judged = verdicts.filter((v) => v.met !== null);
  const missed = judged.filter((v) => !v.met).map((v) => `${v.scenario}: ${v.text}`);
  const others = measurements.map((m) => m.load.othersCores);
  const meanOthers = others.length ? others.reduce((a, b) => a + b, 0) / others.length : 0;
  const retried = measurements.filter((m) => Array.isArray(m.attempts) && m.attempts.length > 1).length;
  process.stdout.write(
    `bench ${plan.quick ? 'quick' : 'full'}: ${meta.durationMinutes} min, ${rows.length} values, ` +
      `targets met ${judged.length - missed.length}/${judged.length}${missed.length ? ` (missed ${missed.join('; ')})` : ''}, ` +
      `other processes used ${meanOthers.toFixed(2)} cores on average (${retried} measurements retried), ` +
      `${results.skipped.length} not measured, ${crashed} crashed → ${path.relative(ROOT, mdPath)}\n`,
  );
} catch (error) {
  crashed += 1;
  process.stderr.write(`bench crashed: ${error instanceof Error ? error.stack : String(error)}\n`);
} finally {
  rmSync(tmpRoot, { recursive: true, force: true });
}
process.exit(crashed > 0 ? 1 : 0);
