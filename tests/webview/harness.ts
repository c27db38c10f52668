import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { type Browser, chromium, type Page } from 'playwright-core';
import type {
  ExtensionToWebview,
  PaceSetterViewState,
  Snapshot,
  WebviewToExtension,
} from '../../webview/pacesetter/protocol';
import { PACESETTER_ROOT_ID, PACESETTER_SCRIPT_PATH, pacesetterCsp } from '../../webview/pacesetter/protocol';
import { DARK_MODERN, VSCODE_DEFAULT_BODY_CSS } from './darkTheme';

// The pace-setter webview in a real Chromium, as VS Code would host it: the page the extension
// builds (root element, nonce CSP with no inline styles or scripts but the nonce'd ones, theme
// variables) with a stub `acquireVsCodeApi` whose postMessage and setState the test reads, and
// snapshots sent in with window.postMessage as the extension's webview.postMessage does.
//
// The bundle is built from the current sources with esbuild, with the webview options of
// esbuild.config.mjs, in memory, and served at its dist/ path: the test never races a build
// another engineer runs in the same tree.

export const ROOT = path.resolve(__dirname, '../..');
export const SCREENSHOTS = path.join(ROOT, 'tests', '.output', 'screenshots');

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

export async function buildBundle(): Promise<string> {
  const result = await esbuild.build({
    entryPoints: [path.join(ROOT, 'webview', 'pacesetter', 'main.ts')],
    bundle: true,
    write: false,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    logLevel: 'warning',
    legalComments: 'none',
  });
  return result.outputFiles[0]!.text;
}

function pageHtml(origin: string, nonce: string): string {
  const theme = Object.entries(DARK_MODERN)
    .map(([k, v]) => `${k}: ${v};`)
    .join(' ');
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${pacesetterCsp(origin, nonce)}">
<meta property="csp-nonce" content="${nonce}">
<style nonce="${nonce}">:root { ${theme} } ${VSCODE_DEFAULT_BODY_CSS}</style>
<script nonce="${nonce}">
  window.__posted = []; window.__violations = [];
  document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective + ' ' + (e.blockedURI || e.sample)));
  let state = JSON.parse(sessionStorage.getItem('vscodeState') || 'null') || undefined;
  let acquired = false;
  window.acquireVsCodeApi = () => {
    if (acquired) throw new Error('acquireVsCodeApi can only be called once');
    acquired = true;
    return {
      postMessage: (m) => window.__posted.push(JSON.parse(JSON.stringify(m))),
      getState: () => state,
      setState: (s) => { state = s; sessionStorage.setItem('vscodeState', JSON.stringify(s)); },
    };
  };
</script>
</head><body class="vscode-dark" data-vscode-theme-kind="vscode-dark">
<div id="${PACESETTER_ROOT_ID}"></div>
<script nonce="${nonce}" src="${origin}/${PACESETTER_SCRIPT_PATH.join('/')}"></script>
</body></html>`;
}

export interface Harness {
  readonly browser: Browser;
  readonly url: string;
  open(): Promise<Page>;
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  const script = await buildBundle();
  const server: Server = createServer((req, res) => {
    const nonce = randomBytes(16).toString('hex');
    if (req.url === `/${PACESETTER_SCRIPT_PATH.join('/')}`) {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' }).end(script);
    } else if (req.url === '/' || req.url?.startsWith('/?')) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(pageHtml(origin, nonce));
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const executablePath = process.env.CLUSTER_LESSONS_CHROMIUM ?? '/usr/bin/chromium';
  if (!existsSync(executablePath))
    throw new Error(`No Chromium at ${executablePath}: install it or set CLUSTER_LESSONS_CHROMIUM.`);
  const browser = await chromium.launch({ executablePath, headless: true, args: FLAGS });
  // One context for the file, a page per test: pages have their own sessionStorage (the stub's
  // view state), and a new page is much cheaper than a new context.
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  return {
    browser,
    url: `${origin}/`,
    async open() {
      const page = await context.newPage();
      await page.goto(`${origin}/`);
      await page.waitForFunction(() => (window as unknown as { __posted: unknown[] }).__posted.length > 0);
      return page;
    },
    async close() {
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** What the extension would send: a snapshot or a reply. */
export async function send(page: Page, message: ExtensionToWebview): Promise<void> {
  await page.evaluate((m) => window.postMessage(m, '*'), message);
}

export async function sendSnapshot(page: Page, snapshot: Snapshot): Promise<void> {
  await send(page, { type: 'snapshot', snapshot });
  await page.waitForSelector('vscode-panels');
}

export async function posted(page: Page): Promise<WebviewToExtension[]> {
  return page.evaluate(() => (window as unknown as { __posted: WebviewToExtension[] }).__posted);
}

/** Waits for the webview to post a message of this type, and returns it. */
export async function waitForPosted<T extends WebviewToExtension['type']>(
  page: Page,
  type: T,
): Promise<Extract<WebviewToExtension, { type: T }>> {
  await page.waitForFunction(
    (t) => (window as unknown as { __posted: { type: string }[] }).__posted.some((m) => m.type === t),
    type,
  );
  const all = await posted(page);
  return all.filter((m) => m.type === type).at(-1) as Extract<WebviewToExtension, { type: T }>;
}

export async function viewState(page: Page): Promise<PaceSetterViewState | undefined> {
  return page.evaluate(() => JSON.parse(sessionStorage.getItem('vscodeState') ?? 'null') ?? undefined);
}

export async function violations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);
}

export interface Focused {
  readonly tag: string;
  readonly key: string | undefined;
  readonly label: string;
  readonly text: string;
}

/** The focused element as a screen reader would name it: its aria-label, or its text. */
export async function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return {
      tag: el?.tagName.toLowerCase() ?? '',
      key: el?.dataset?.key,
      label: el?.getAttribute('aria-label') ?? el?.textContent?.trim() ?? '',
      text: el?.textContent?.trim() ?? '',
    };
  });
}

/** Presses Tab (as a person would) until the focused element matches, or fails after `max` presses. */
export async function tabTo(page: Page, matches: (f: Focused) => boolean, max = 40): Promise<Focused> {
  const seen: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    if (matches(f)) return f;
    seen.push(`${f.tag}[${f.key ?? ''}] ${f.label.slice(0, 40)}`);
  }
  throw new Error(`Tab never reached the element; focus went through:\n${seen.join('\n')}`);
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: false });
  return file;
}
