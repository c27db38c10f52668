// The product under test, built in a private copy (.cache/bench/product) so that the bench
// neither races other engineers' builds in dist/ nor wipes dist/ with the release build that
// `npm run package` makes. The release build is what we measure: the .vsix, the extension
// bundle inside it, and the server's dist/server/cli.js.
import { execFileSync, spawnSync } from 'node:child_process';
import * as esbuild from 'esbuild';
import { cpSync, existsSync, mkdirSync, rmSync, statSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { CACHE, ROOT } from './paths.mjs';

/** What `npm run package` and the server build read. */
const PRODUCT_PATHS = [
  'package.json',
  'package.nls.json',
  'README.md',
  'LICENSE',
  '.vscodeignore',
  'esbuild.config.mjs',
  'tsconfig.json',
  'tsconfig.base.json',
  'core',
  'extension',
  'server',
  'webview',
  'l10n',
  'media',
  'scripts',
  // The binding harness (bench/extension/remoteKeystroke.ts) uses the tests' VS Code-like editor.
  'tests/unit/binding',
];

function git(args) {
  return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();
}

/**
 * Copies the product (`source`: 'working' = the working tree as it is, 'head' = the last commit),
 * builds the release and packages the .vsix. Returns paths and provenance.
 */
export function prepareProduct(source, log) {
  const dir = path.join(CACHE, 'product');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const present = PRODUCT_PATHS.filter((p) => existsSync(path.join(ROOT, p)));
  if (source === 'head') {
    const archive = spawnSync('git', ['archive', 'HEAD', '--', ...present], {
      cwd: ROOT,
      maxBuffer: 1 << 30,
    });
    if (archive.status !== 0) throw new Error(`git archive failed: ${archive.stderr}`);
    const untar = spawnSync('tar', ['-x', '-C', dir], { input: archive.stdout });
    if (untar.status !== 0) throw new Error(`tar failed: ${untar.stderr}`);
  } else {
    for (const p of present) cpSync(path.join(ROOT, p), path.join(dir, p), { recursive: true });
  }
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  const commit = git(['rev-parse', '--short', 'HEAD']);
  const dirty = source === 'working' && git(['status', '--porcelain', '--', ...present]) !== '';

  log(`building the release and packaging the .vsix in ${path.relative(ROOT, dir)}`);
  const started = performance.now();
  const packaged = spawnSync('npm', ['run', 'package', '--silent'], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 180_000,
    env: { ...process.env, npm_config_update_notifier: 'false' },
  });
  const vsix = path.join(dir, 'dist', 'cluster-lessons.vsix');
  let vsixBytes = null;
  if (packaged.status === 0 && existsSync(vsix)) {
    vsixBytes = statSync(vsix).size;
  } else {
    log(
      `npm run package failed (${packaged.status}); building without packaging:\n${packaged.stderr.slice(-1500)}`,
    );
    const built = spawnSync(process.execPath, ['esbuild.config.mjs', '--production'], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 120_000,
    });
    if (built.status !== 0) throw new Error(`the release build failed:\n${built.stderr.slice(-3000)}`);
  }
  const serverCli = path.join(dir, 'dist', 'server', 'cli.js');
  if (!existsSync(serverCli)) throw new Error(`the build made no ${serverCli}`);
  return {
    dir,
    source,
    commit,
    dirty,
    serverCli,
    extensionBundle: path.join(dir, 'dist', 'extension', 'node.js'),
    vsixBytes,
    buildSeconds: Math.round((performance.now() - started) / 100) / 10,
  };
}

/**
 * Bundles the binding harness against the product copy's core/binding and FakeEditor, so that
 * it measures the same source as everything else. Returns the bundle's path.
 */
export async function bundleBindingHarness(product) {
  const entry = path.join(product.dir, 'bench', 'extension', 'remoteKeystroke.ts');
  mkdirSync(path.dirname(entry), { recursive: true });
  cpSync(path.join(ROOT, 'bench', 'extension', 'remoteKeystroke.ts'), entry);
  const outfile = path.join(product.dir, 'bench-out', 'remoteKeystroke.mjs');
  await esbuild.build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    minify: true,
    logLevel: 'error',
    absWorkingDir: product.dir,
  });
  return outfile;
}

/**
 * Bundles the desktop extension's WebSocket (extension/desktopWebSocket.ts) and its first-sync
 * encoding (core/sync/compactSync.ts) from the product copy, so that the bench's clients for our
 * server are the extension's own (compression included); `ws`, `yjs` and `lib0` stay the shared
 * packages (one Yjs in the process). Sets BENCH_DESKTOP_WEBSOCKET and BENCH_COMPACT_SYNC, which
 * load-generator processes inherit (bench/load/clients.mjs). Returns the WebSocket bundle's path.
 */
export async function bundleDesktopWebSocket(product) {
  const bundle = async (source, name) => {
    const outfile = path.join(product.dir, 'bench-out', name);
    await esbuild.build({
      entryPoints: [path.join(product.dir, source)],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      external: ['ws', 'yjs', 'lib0', 'lib0/*', 'y-websocket'],
      logLevel: 'error',
      absWorkingDir: product.dir,
    });
    return outfile;
  };
  const outfile = await bundle(path.join('extension', 'desktopWebSocket.ts'), 'desktopWebSocket.mjs');
  process.env.BENCH_DESKTOP_WEBSOCKET = outfile;
  process.env.BENCH_COMPACT_SYNC = await bundle(
    path.join('core', 'sync', 'compactSync.ts'),
    'compactSync.mjs',
  );
  return outfile;
}
