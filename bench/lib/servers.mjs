// Starting and stopping the three servers, each in its own process on 127.0.0.1:
// - ours: the release build's `cli.js serve`, durable SQLite storage and token auth on, with its
//   default limits unless a scenario names a raised one (recorded in the results);
// - stock: @y/websocket-server's own bin, unmodified (in-memory documents);
// - hocuspocus: @hocuspocus/server without extensions, under Node 24.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { ensureNode24 } from '../../scripts/tools.mjs';
import { track } from './children.mjs';
import { cpuSeconds, rssBytes } from './proc.mjs';
import { ROOT } from './paths.mjs';

export const SERVER_KINDS = ['ours', 'stock', 'hocuspocus'];

/** The same document names for every server: Hocuspocus repeats the name in every message. */
export const CLUSTER_ID = 'bench';
export const docName = (i) => `${CLUSTER_ID}/plan/p${i}`;

const STOCK_BIN = path.join(ROOT, 'node_modules', '@y', 'websocket-server', 'src', 'server.js');
const HOCUSPOCUS_WRAPPER = path.join(ROOT, 'bench', 'lib', 'hocuspocusServer.mjs');
const READY_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 15_000;

/**
 * Starts a server. `limits` (ours only) maps serve flags to values, e.g.
 * { 'messages-per-second': 100000 }; the defaults of a real deployment apply otherwise.
 */
export async function startServer(kind, { product, tmpRoot, limits = {}, template }) {
  for (let attempt = 1; ; attempt++) {
    try {
      if (kind === 'ours') return await startOurs(product, tmpRoot, limits, template);
      if (kind === 'stock') return await startStock();
      if (kind === 'hocuspocus') return await startHocuspocus();
      throw new Error(`unknown server ${kind}`);
    } catch (error) {
      // A free port found and then taken by someone else, or a slow start: try again, twice.
      if (attempt >= 3) throw error;
    }
  }
}

/**
 * A data directory with the bench cluster and `members` teachers who joined with the invite
 * code, made once: every start of ours copies it, so each run begins with an empty document
 * store and a member (own token) per client connection, as if each client were one teacher.
 */
export async function prepareOursTemplate(product, tmpRoot, members) {
  const dataDir = mkdtempSync(path.join(tmpRoot, 'ours-template-'));
  const created = spawnSync(
    process.execPath,
    [
      product.serverCli,
      'cluster',
      'create',
      '--data',
      dataDir,
      '--name',
      'Bench cluster',
      '--leader',
      'Bench leader',
      '--school',
      'Hub school',
      '--id',
      CLUSTER_ID,
      '--invite-days',
      '0',
    ],
    { encoding: 'utf8', timeout: 30_000 },
  );
  if (created.status !== 0) throw new Error(`cluster create failed: ${created.stderr}`);
  const cluster = JSON.parse(created.stdout);
  const server = await serveOurs(product, dataDir, {});
  const tokens = [];
  try {
    const url = `http://127.0.0.1:${server.port}/api/join`;
    const pending = Array.from({ length: members }, (_, i) => i);
    const join = async (i) => {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ invite: cluster.invites.teacher, name: `Teacher ${i}`, school: 'Hub school' }),
        signal: AbortSignal.timeout(30_000),
      });
      if (!response.ok) throw new Error(`join ${i}: ${response.status} ${await response.text()}`);
      tokens[i] = (await response.json()).token;
    };
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (pending.length > 0) await join(pending.shift());
      }),
    );
  } finally {
    await server.stop();
  }
  return { dataDir, tokens };
}

async function startOurs(product, tmpRoot, limits, template) {
  if (template === undefined) throw new Error('ours needs prepareOursTemplate() first');
  const dataDir = mkdtempSync(path.join(tmpRoot, 'ours-data-'));
  cpSync(template.dataDir, dataDir, { recursive: true });
  const server = await serveOurs(product, dataDir, limits);
  server.tokenFor = (i) => {
    if (i >= template.tokens.length) throw new Error(`only ${template.tokens.length} members were prepared`);
    return template.tokens[i];
  };
  return server;
}

async function serveOurs(product, dataDir, limits) {
  const flags = Object.entries(limits).flatMap(([flag, value]) => [`--${flag}`, String(value)]);
  // For development only: e.g. BENCH_OURS_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof'.
  const nodeArgs = (process.env.BENCH_OURS_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const args = [
    ...nodeArgs,
    product.serverCli,
    'serve',
    '--host',
    '127.0.0.1',
    '--port',
    '0',
    '--data',
    dataDir,
    ...flags,
  ];
  const child = track(spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] }));
  const log = serverLog(child);
  const port = await waitForLine(child, log, (line) => {
    const entry = parseJson(line);
    return entry?.msg === 'listening' ? entry.port : undefined;
  });
  const server = running('ours', child, port, log, {
    node: process.version,
    storage: 'SQLite (durable: the update log is synced before a broadcast)',
    auth: 'token per member',
    flags: { ...limits },
  });
  /**
   * Counters so far, from ours' /metrics (for diagnosis): storage commits { commits, seconds }
   * and `gcSeconds`, the time the process was paused for garbage collection, all kinds.
   */
  server.counters = async () => {
    const response = await fetch(`http://127.0.0.1:${port}/metrics`, { signal: AbortSignal.timeout(10_000) });
    const text = await response.text();
    const value = (name) => Number(text.match(new RegExp(`^${name} (\\S+)$`, 'm'))?.[1] ?? Number.NaN);
    let gcSeconds = 0;
    for (const match of text.matchAll(/^nodejs_gc_duration_seconds_sum\{[^}]*\} (\S+)$/gm))
      gcSeconds += Number(match[1]);
    return {
      commits: value('cluster_lessons_storage_write_seconds_count'),
      seconds: value('cluster_lessons_storage_write_seconds_sum'),
      gcSeconds,
    };
  };
  return server;
}

async function startStock() {
  const port = await freePort();
  const child = track(
    spawn(process.execPath, [STOCK_BIN], {
      env: { ...process.env, HOST: '127.0.0.1', PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
  const log = serverLog(child);
  await waitForLine(child, log, (line) => (line.includes('running at') ? port : undefined));
  return running('stock', child, port, log, {
    node: process.version,
    storage: 'none (in memory)',
    auth: 'none',
  });
}

async function startHocuspocus() {
  const node24 = path.join(ensureNode24(), 'bin', 'node');
  const child = track(spawn(node24, [HOCUSPOCUS_WRAPPER], { stdio: ['ignore', 'pipe', 'pipe'], cwd: ROOT }));
  const log = serverLog(child);
  let node = '';
  const port = await waitForLine(child, log, (line) => {
    const entry = parseJson(line);
    node = entry?.node ?? node;
    return entry?.port;
  });
  return running('hocuspocus', child, port, log, { node, storage: 'none (no extensions)', auth: 'none' });
}

function running(kind, child, port, log, settings) {
  return {
    kind,
    pid: child.pid,
    port,
    wsUrl: `ws://127.0.0.1:${port}`,
    settings,
    log,
    tokenFor: () => undefined,
    rss: () => rssBytes(child.pid),
    cpuSeconds: () => cpuSeconds(child.pid),
    get exited() {
      return child.exitCode !== null || child.signalCode !== null;
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Keeps the last lines a server printed, and counts ours' structured log messages by text. */
function serverLog(child) {
  const log = { tail: [], counts: {}, listeners: new Set() };
  const keep = (line) => {
    log.tail.push(line);
    if (log.tail.length > 40) log.tail.shift();
    const entry = parseJson(line);
    if (entry?.msg) {
      const key = entry.code === undefined ? entry.msg : `${entry.msg} (${entry.code})`;
      log.counts[key] = (log.counts[key] ?? 0) + 1;
    }
    for (const listener of log.listeners) listener(line);
  };
  // One reader per stream, always reading: a server blocked on a full stdout pipe would be measured as slow.
  createInterface({ input: child.stdout }).on('line', keep);
  createInterface({ input: child.stderr }).on('line', keep);
  return log;
}

function waitForLine(child, log, match) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => finish(new Error('server did not start in time')), READY_TIMEOUT_MS);
    const onExit = (code) =>
      finish(new Error(`server exited (${code}) before listening:\n${log.tail.join('\n')}`));
    const onLine = (line) => {
      const value = match(line);
      if (value !== undefined) finish(null, value);
    };
    function finish(error, value) {
      clearTimeout(timer);
      log.listeners.delete(onLine);
      child.off('exit', onExit);
      if (error) {
        child.kill('SIGKILL');
        reject(error);
      } else resolve(value);
    }
    child.once('exit', onExit);
    log.listeners.add(onLine);
  });
}

function parseJson(line) {
  if (!line.startsWith('{')) return undefined;
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}
