import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_STRINGS } from '../../webview/pacesetter/strings';

// The extension translates the webview's words (extension/pacesetter/strings.ts). That file needs
// `vscode`, which vitest cannot load, so it is read as text: each key must be a literal
// vscode.l10n.t call (what `npm run l10n` extracts) with exactly the webview's English.

const source = readFileSync(path.resolve(__dirname, '../../extension/pacesetter/strings.ts'), 'utf8');

function translatedLiterals(): Map<string, string> {
  const found = new Map<string, string>();
  // A long one is wrapped by the formatter: `key: vscode.l10n.t(\n  '…',\n),`.
  for (const m of source.matchAll(/^\s*(\w+): vscode\.l10n\.t\(\s*'((?:[^'\\]|\\.)*)'\s*,?\s*\)/gm)) {
    const text = m[2]!.replace(/\\(.)/g, '$1');
    if (!found.has(m[1]!)) found.set(m[1]!, text);
  }
  return found;
}

describe('Every word of the pace-setter webview reaches translators', () => {
  it('each webview string is a literal vscode.l10n.t call with the same English', () => {
    const literals = translatedLiterals();
    for (const [key, english] of Object.entries(DEFAULT_STRINGS)) {
      expect(literals.get(key), `extension/pacesetter/strings.ts: ${key}`).toBe(english);
    }
  });
});
