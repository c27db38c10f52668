// What VS Code does before it calls activate(): load the extension's bundle. Run as its own
// process (node bundleLoad.mjs <bundle>) so the module cache is cold, like a fresh extension
// host; the `vscode` module, which only exists inside VS Code, is a do-nothing stand-in.
// Prints { ms }: the time require() of the release bundle takes in plain Node.
import Module, { createRequire } from 'node:module';

const bundle = process.argv[2];
const inert = new Proxy(function vscode() {}, {
  get: (target, key) =>
    key === 'prototype' ? target.prototype : key === Symbol.toPrimitive ? () => '' : inert,
  apply: () => inert,
  construct: () => inert,
});
const load = Module._load;
Module._load = function loadWithVscode(request, ...rest) {
  return request === 'vscode' ? inert : load.call(this, request, ...rest);
};
const started = performance.now();
createRequire(import.meta.url)(bundle);
process.stdout.write(`${JSON.stringify({ ms: performance.now() - started })}\n`);
