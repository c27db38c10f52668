import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');
const readJson = (file: string): Record<string, unknown> => JSON.parse(readFileSync(file, 'utf8'));

describe('Translators get every user-facing string', () => {
  it('the English l10n bundle holds every vscode.l10n.t string in the sources', () => {
    const out = mkdtempSync(path.join(tmpdir(), 'l10n-'));
    const cli = path.join(root, 'node_modules', '@vscode', 'l10n-dev', 'dist', 'cli.js');
    execFileSync(process.execPath, [cli, 'export', '--outDir', out, 'extension', 'webview'], {
      cwd: root,
      stdio: 'pipe',
    });
    const extracted = Object.keys(readJson(path.join(out, 'bundle.l10n.json'))).sort();
    const committed = Object.keys(readJson(path.join(root, 'l10n', 'bundle.l10n.json'))).sort();
    expect(extracted.length).toBeGreaterThan(0);
    expect(committed, 'run `npm run l10n` to refresh l10n/bundle.l10n.json').toEqual(extracted);
  });

  it('every %placeholder% in the manifest has an English text in package.nls.json', () => {
    const manifest = readFileSync(path.join(root, 'package.json'), 'utf8');
    const keys = [...manifest.matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]);
    const nls = readJson(path.join(root, 'package.nls.json'));
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) expect(nls, `package.nls.json lacks ${key}`).toHaveProperty([key as string]);
  });
});
