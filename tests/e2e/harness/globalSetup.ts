// Runs once before the end-to-end suite: installs the tools the selected hosts need (cached after
// the first run) and builds the extension, so the suite always tests the current sources.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { ROOT } from './paths';

export default function setup(): void {
  const hosts = (process.env.CLUSTER_LESSONS_E2E_HOSTS ?? 'node,web').split(',');
  const which = hosts.includes('node') ? (hosts.includes('web') ? 'all' : 'node') : 'web';
  execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'tools.mjs'), which], {
    stdio: 'inherit',
    cwd: ROOT,
  });
  execFileSync(process.execPath, [path.join(ROOT, 'esbuild.config.mjs')], { stdio: 'inherit', cwd: ROOT });
}
