import { mkdirSync, mkdtempSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
/** Git-ignored: profiles, logs and failure screenshots of test runs. */
export const OUTPUT = path.join(ROOT, 'tests', '.output');
export const SCREENSHOTS = path.join(OUTPUT, 'screenshots');

export function freshDir(prefix: string): string {
  const base = path.join(OUTPUT, 'runs');
  mkdirSync(base, { recursive: true });
  return mkdtempSync(path.join(base, `${prefix}-`));
}

/** Environment that keeps a child process's home, config, cache and sockets inside `dir`. */
export function sandboxEnv(dir: string, base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const sub = (name: string): string => {
    const p = path.join(dir, name);
    mkdirSync(p, { recursive: true });
    return p;
  };
  return {
    ...base,
    HOME: sub('home'),
    XDG_CONFIG_HOME: sub('config'),
    XDG_DATA_HOME: sub('data'),
    XDG_CACHE_HOME: sub('cache'),
    TMPDIR: sub('tmp'),
  };
}
