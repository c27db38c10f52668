// The server as a separate process, built from server/cli.ts like the shipped bin, so a test
// can SIGTERM or SIGKILL it.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
let built: Promise<string> | null = null;

/** Builds server/cli.ts once per test process; returns the path of the bundle. */
export function buildCli(): Promise<string> {
  built ??= (async () => {
    // One bundle per test process, in one shared folder; bundles of finished processes are removed.
    const dir = join(tmpdir(), 'cluster-lessons-test-cli');
    mkdirSync(dir, { recursive: true });
    for (const file of readdirSync(dir)) {
      const pid = Number(/^cli-(\d+)\.js$/.exec(file)?.[1]);
      if (Number.isInteger(pid) && !isAlive(pid)) rmSync(join(dir, file), { force: true });
    }
    const outfile = join(dir, `cli-${process.pid}.js`);
    await esbuild.build({
      entryPoints: [join(ROOT, 'server/cli.ts')],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'es2022',
      external: ['better-sqlite3', 'bufferutil', 'utf-8-validate'],
      logLevel: 'error',
    });
    return outfile;
  })();
  return built;
}

export interface ChildServer {
  readonly process: ChildProcess;
  readonly port: number;
  readonly url: string;
  readonly logs: Array<Record<string, unknown>>;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Runs the CLI with `args`; the bundle finds better-sqlite3 through NODE_PATH. */
export async function runCli(
  args: readonly string[],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const cli = await buildCli();
  const child = spawn(process.execPath, [cli, ...args], { env: cliEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const code = await new Promise<number | null>((done) => child.on('exit', (c) => done(c)));
  return { code, stdout, stderr };
}

export async function startChildServer(
  dataDir: string,
  port = 0,
  extraArgs: readonly string[] = [],
): Promise<ChildServer> {
  const cli = await buildCli();
  const child = spawn(
    process.execPath,
    [cli, 'serve', '--port', String(port), '--data', dataDir, '--unload-delay-ms', '100', ...extraArgs],
    {
      env: cliEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const logs: Array<Record<string, unknown>> = [];
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.on('exit', (code, signal) => done({ code, signal })),
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const listening = new Promise<number>((resolvePort, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const entry = JSON.parse(line) as Record<string, unknown>;
      logs.push(entry);
      if (entry.msg === 'listening') resolvePort(entry.port as number);
    });
    void exited.then(({ code }) => reject(new Error(`server exited (${code}) before listening: ${stderr}`)));
  });
  const boundPort = await listening;
  return { process: child, port: boundPort, url: `http://127.0.0.1:${boundPort}`, logs, exited };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function cliEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_PATH: join(ROOT, 'node_modules') };
  for (const key of Object.keys(env)) if (key.startsWith('CLUSTER_LESSONS_')) delete env[key];
  return env;
}
