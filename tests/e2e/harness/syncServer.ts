import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import path from 'node:path';
import { WebsocketProvider } from 'y-websocket';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { freshDir, ROOT } from './paths';
import { freePort, waitForHttp } from './ports';

const CLI = path.join(ROOT, 'dist', 'server', 'cli.js');

export interface ClusterFixture {
  readonly clusterId: string;
  readonly leaderToken: string;
  readonly invites: Record<string, string>;
}

/** Our sync server as a real child process, on loopback, with its own data directory. */
export class SyncServerProcess {
  private child: ChildProcess | undefined;
  private output = '';

  private constructor(
    readonly port: number,
    readonly dataDir: string,
  ) {}

  static async start(): Promise<SyncServerProcess> {
    const server = new SyncServerProcess(await freePort(), freshDir('sync-server'));
    await server.resume();
    return server;
  }

  /** The address teachers type. `localhost`, because the web worker's origin is a *.localhost one. */
  get url(): string {
    return `http://localhost:${this.port}`;
  }

  createCluster(name: string, leader: string, schools: string[]): ClusterFixture {
    const args = ['cluster', 'create', '--data', this.dataDir, '--name', name, '--leader', leader];
    for (const s of schools) args.push('--school', s);
    return JSON.parse(execFileSync(process.execPath, [CLI, ...args], { encoding: 'utf8' })) as ClusterFixture;
  }

  /** Starts (again) on the same port and data, like a school's server coming back after a power cut. */
  async resume(): Promise<void> {
    this.child = spawn(
      process.execPath,
      [CLI, 'serve', '--host', '127.0.0.1', '--port', String(this.port), '--data', this.dataDir],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const collect = (d: Buffer): void => {
      this.output += d.toString();
    };
    this.child.stdout?.on('data', collect);
    this.child.stderr?.on('data', collect);
    await waitForHttp(`http://127.0.0.1:${this.port}/healthz`, 20_000).catch((error: unknown) => {
      throw new Error(`sync server did not start: ${String(error)}\n${this.output.slice(-2000)}`);
    });
  }

  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill(signal);
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    if (child.exitCode === null) child.kill('SIGKILL');
    this.child = undefined;
  }

  /** A real y-websocket client, as a third party watching what the server holds. */
  async connect(docName: string, token: string): Promise<{ doc: Y.Doc; provider: WebsocketProvider }> {
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(`ws://127.0.0.1:${this.port}`, docName, doc, {
      params: { token },
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
    });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no sync for ${docName}`)), 15_000);
      provider.once('sync', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    return { doc, provider };
  }
}
