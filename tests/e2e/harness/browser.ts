import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { freshDir, sandboxEnv } from './paths';
import { tools } from './tools';

// Flags from E2E.md: without the background-networking ones Chromium floods the closed network.
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export interface TeacherBrowser {
  readonly context: BrowserContext;
  readonly page: Page;
  /** The profile folder: launching again with it is the same device, with its storage. */
  readonly dir: string;
  close(): Promise<void>;
}

/** One teacher = one Chromium with its own profile (its own storage, secrets and cookies). */
export async function launchTeacherBrowser(name: string, reuseDir?: string): Promise<TeacherBrowser> {
  const executablePath = (await tools()).chromiumPath();
  if (!executablePath)
    throw new Error('No Chromium: run `node scripts/tools.mjs` or set CLUSTER_LESSONS_CHROMIUM.');
  const dir = reuseDir ?? freshDir(`browser-${name}`);
  const profile = path.join(dir, 'profile');
  if (!reuseDir) {
    mkdirSync(path.join(profile, 'Default'), { recursive: true });
    // Webviews register a service worker from another origin: third-party cookies must be allowed.
    writeFileSync(
      path.join(profile, 'Default', 'Preferences'),
      JSON.stringify({ profile: { cookie_controls_mode: 0, block_third_party_cookies: false } }),
    );
  }
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: FLAGS,
    env: sandboxEnv(dir) as Record<string, string>,
    viewport: { width: 1400, height: 900 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return { context, page, dir, close: () => context.close() };
}
