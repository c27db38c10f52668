// Runs once before the unit suite: the webview tests render our webviews in a real Chromium, which a
// fresh machine does not have yet. scripts/tools.mjs installs Debian's (as root) or says what to do.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export default function setup(): void {
  execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'tools.mjs'), 'chromium'], {
    stdio: 'inherit',
    cwd: ROOT,
  });
}
