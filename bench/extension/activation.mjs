// Activation time in a real VS Code: code-server (VS Code with a Node extension host, run by
// Node 24 from scripts/tools.mjs) with the release build installed as an unpacked extension,
// opened by a headless Chromium. The number is the extension's own log line, "Activated in the
// node extension host in N ms", i.e. the time activate() takes; VS Code's loading of the bundle
// before that call is measured separately (bundleLoad.mjs).
import { spawn } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumPath, node24Env, TOOLS, VERSIONS } from '../../scripts/tools.mjs';
import { track } from '../lib/children.mjs';
import { freePort } from '../lib/servers.mjs';

// The same quiet settings as the e2e harness (tests/e2e/harness/workspace.ts).
const QUIET_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'telemetry.telemetryLevel': 'off',
  'security.workspace.trust.enabled': false,
  'chat.disableAIFeatures': true,
  'chat.commandCenter.enabled': false,
  'workbench.enableExperiments': false,
};
const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];
const LOG_LINE = /Activated in the node extension host in (\d+) ms/;

/** Why activation cannot be measured here, or null when code-server and Chromium are installed. */
export function activationUnavailable() {
  const codeServer = path.join(TOOLS, `code-server-${VERSIONS.codeServer}`, '.installed');
  if (!existsSync(codeServer)) return 'code-server is not installed (run `node scripts/tools.mjs node`)';
  if (!chromiumPath()) return 'no Chromium (run `node scripts/tools.mjs node`)';
  return null;
}

/**
 * Opens the workbench `loads` times (the first load, then reloads: each starts a new extension
 * host, which activates the extension again) and returns each activation's log line value.
 */
export async function measureActivation({ product, tmpRoot, timeoutMs, loads }) {
  const entry = path.join(
    TOOLS,
    `code-server-${VERSIONS.codeServer}`,
    'node_modules',
    'code-server',
    'out',
    'node',
    'entry.js',
  );
  const dir = mkdtempSync(path.join(tmpRoot, 'code-server-'));
  const userData = path.join(dir, 'user-data');
  mkdirSync(path.join(userData, 'User'), { recursive: true });
  writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify(QUIET_SETTINGS));
  const manifest = JSON.parse(readFileSync(path.join(product.dir, 'package.json'), 'utf8'));
  const installed = path.join(
    dir,
    'extensions',
    `${manifest.publisher}.${manifest.name}-${manifest.version}`,
  );
  for (const item of [
    'package.json',
    'package.nls.json',
    'README.md',
    'dist/extension',
    'dist/webview',
    'l10n',
    'media',
  ]) {
    const from = path.join(product.dir, item);
    if (existsSync(from)) cpSync(from, path.join(installed, item), { recursive: true });
  }
  const workspace = path.join(dir, 'workspace');
  mkdirSync(path.join(workspace, '.vscode'), { recursive: true });
  // Nothing listens on port 9: the extension starts without a server to talk to.
  writeFileSync(
    path.join(workspace, '.vscode', 'settings.json'),
    JSON.stringify({ ...QUIET_SETTINGS, 'clusterLessons.serverUrl': 'http://localhost:9' }),
  );
  const home = (name) => {
    const p = path.join(dir, name);
    mkdirSync(p, { recursive: true });
    return p;
  };
  const env = node24Env({
    ...process.env,
    HOME: home('home'),
    XDG_CONFIG_HOME: home('config'),
    XDG_DATA_HOME: home('data'),
    XDG_CACHE_HOME: home('cache'),
    TMPDIR: home('tmp'),
  });
  const port = await freePort();
  // Its own process group, so stopping it also stops the extension host it starts.
  const child = spawn(
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
      path.join(dir, 'extensions'),
      workspace,
    ],
    { env, stdio: 'ignore', detached: true },
  );
  track(child, { group: true });
  let browser;
  try {
    const deadline = performance.now() + timeoutMs;
    await waitForHttp(`http://127.0.0.1:${port}/healthz`, deadline);
    browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_FLAGS });
    const page = await browser.newPage();
    const activations = [];
    for (let load = 0; load < loads; load++) {
      if (load === 0) await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`);
      else await page.reload();
      for (;;) {
        const found = logLines(path.join(userData, 'logs'));
        if (found.length > load) {
          activations.push(found[load]);
          break;
        }
        if (performance.now() > deadline)
          throw new Error(`no "Activated in" log line within ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
    return { activations };
  } finally {
    await browser?.close().catch(() => undefined);
    await stopGroup(child);
  }
}

/** Every activation time logged so far under code-server's logs folder, oldest first. */
function logLines(logs) {
  if (!existsSync(logs)) return [];
  const found = [];
  const stack = [logs];
  let visited = 0;
  while (stack.length > 0 && visited < 5_000) {
    const current = stack.pop();
    visited += 1;
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) stack.push(full);
      else if (entry.name.endsWith('.log')) {
        const match = readFileSync(full, 'utf8').match(LOG_LINE);
        // Each extension host writes its own log file; order them by when they were written.
        if (match) found.push({ ms: Number(match[1]), at: statSync(full).mtimeMs });
      }
    }
  }
  return found.sort((a, b) => a.at - b.at).map((f) => f.ms);
}

/** Stops code-server and everything it started (extension host, watchers): its process group. */
async function stopGroup(child) {
  const signal = (name) => {
    try {
      process.kill(-child.pid, name);
    } catch {
      // The group is gone already.
    }
  };
  const running = child.exitCode === null && child.signalCode === null;
  const exited = running ? new Promise((resolve) => child.once('exit', resolve)) : Promise.resolve();
  signal('SIGTERM');
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
  signal('SIGKILL');
}

async function waitForHttp(url, deadline) {
  while (performance.now() < deadline) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
    } catch {
      // Not up yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not answer in time`);
}
