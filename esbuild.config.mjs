// One build for every runtime: the extension for VS Code's Node host and web worker host,
// the webview bundles, and the sync server's command line. Type-checking is `npm run typecheck`.
import { existsSync, rmSync } from 'node:fs';
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  sourcemap: production ? false : 'linked',
  minify: production,
  target: 'es2022',
  logLevel: 'warning',
  legalComments: 'none',
};

/** @type {esbuild.BuildOptions[]} */
const builds = [
  {
    ...common,
    entryPoints: ['extension/extension.ts'],
    outfile: 'dist/extension/node.js',
    platform: 'node',
    format: 'cjs',
    // ws probes for these optional native speed-ups and works without them.
    external: ['vscode', 'bufferutil', 'utf-8-validate'],
  },
  {
    ...common,
    entryPoints: ['extension/extension.browser.ts'],
    outfile: 'dist/extension/web.js',
    platform: 'browser',
    format: 'cjs',
    external: ['vscode'],
  },
  {
    ...common,
    entryPoints: ['server/cli.ts'],
    outfile: 'dist/server/cli.js',
    platform: 'node',
    format: 'cjs',
    banner: { js: '#!/usr/bin/env node' },
    external: ['better-sqlite3', 'bufferutil', 'utf-8-validate'],
  },
  {
    // The demo seeder used by `npm start` (scripts/start.mjs), a real y-websocket client.
    ...common,
    entryPoints: ['scripts/demo.ts'],
    outfile: 'dist/scripts/demo.mjs',
    platform: 'node',
    format: 'esm',
    external: ['bufferutil', 'utf-8-validate', 'ws', 'yjs', 'y-websocket'],
  },
];

const webviewEntries = ['webview/pacesetter/main.ts', 'webview/print/main.ts'].filter((f) => existsSync(f));
if (webviewEntries.length > 0) {
  builds.push({
    ...common,
    entryPoints: webviewEntries,
    outdir: 'dist/webview',
    outbase: 'webview',
    platform: 'browser',
    format: 'iife',
  });
}

// A release build starts clean so no stale source maps slip into the .vsix.
if (production) rmSync('dist', { recursive: true, force: true });

const present = builds.filter((b) => (b.entryPoints ?? []).every((e) => existsSync(e)));
if (watch) {
  const contexts = await Promise.all(present.map((b) => esbuild.context(b)));
  await Promise.all(contexts.map((c) => c.watch()));
  console.log('esbuild: watching');
} else {
  await Promise.all(present.map((b) => esbuild.build(b)));
}
