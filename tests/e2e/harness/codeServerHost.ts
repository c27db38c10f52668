import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { RunningVSCode, VSCodeHost, WorkspaceOptions } from './host';
import { freshDir, ROOT, sandboxEnv } from './paths';
import { freePort, waitForHttp } from './ports';
import { tools } from './tools';
import { QUIET_USER_SETTINGS, writeWorkspace } from './workspace';

/** Lays the built extension out as an installed extension folder (what a .vsix unpacks to). */
function installUnpacked(extensionsDir: string): void {
  const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    publisher: string;
    name: string;
    version: string;
  };
  const target = path.join(extensionsDir, `${manifest.publisher}.${manifest.name}-${manifest.version}`);
  mkdirSync(target, { recursive: true });
  for (const item of [
    'package.json',
    'package.nls.json',
    'README.md',
    'dist/extension',
    'dist/webview',
    'l10n',
    'media',
  ]) {
    try {
      cpSync(path.join(ROOT, item), path.join(target, item), { recursive: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
}

export const codeServerHost: VSCodeHost = {
  kind: 'node',
  label: 'code-server (Node extension host)',
  async start(options?: WorkspaceOptions): Promise<RunningVSCode> {
    const t = await tools();
    const entry = t.ensureCodeServer();
    const dir = freshDir('code-server');
    const userData = path.join(dir, 'user-data');
    mkdirSync(path.join(userData, 'User'), { recursive: true });
    writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify(QUIET_USER_SETTINGS, null, 2));
    const extensionsDir = path.join(dir, 'extensions');
    installUnpacked(extensionsDir);
    const workspace = writeWorkspace(path.join(dir, 'workspace'), options);
    const port = await freePort();
    const env = t.node24Env(sandboxEnv(dir));
    const child: ChildProcess = spawn(
      'node',
      [
        entry,
        '--auth',
        'none',
        '--bind-addr',
        `127.0.0.1:${port}`,
        '--disable-telemetry',
        '--disable-update-check',
        '--disable-workspace-trust',
        '--disable-getting-started-override',
        '--user-data-dir',
        userData,
        '--extensions-dir',
        extensionsDir,
        workspace,
      ],
      { env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    const collect = (d: Buffer): void => {
      output += d.toString();
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    try {
      await waitForHttp(`http://127.0.0.1:${port}/healthz`, 60_000);
    } catch (error) {
      child.kill('SIGKILL');
      throw new Error(`code-server did not start: ${String(error)}\n${output.slice(-2000)}`);
    }
    return {
      url: `http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`,
      stop: async () => {
        if (child.exitCode !== null) return;
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
        writeFileSync(path.join(dir, 'code-server.log'), output);
      },
    };
  },
};
