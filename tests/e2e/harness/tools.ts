// Typed access to scripts/tools.mjs, which installs and locates the e2e tools.
import path from 'node:path';
import { ROOT } from './paths';

interface ToolsModule {
  chromiumPath(): string | undefined;
  ensureCodeServer(): string;
  ensureTestWeb(): string;
  ensureVscodeWeb(): { cachePath: string; commit: string };
  node24Env(base?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
}

export async function tools(): Promise<ToolsModule> {
  return (await import(path.join(ROOT, 'scripts', 'tools.mjs'))) as ToolsModule;
}
