import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { frontMatterSettled, readFrontMatter } from '../../../core/plan/frontMatter';
import { textStart } from '../../../core/plan/textStart';

// The server reads a plan's front matter from the start of its text (core/plan/textStart.ts)
// instead of the whole text; the start must be exactly what the whole text begins with.
describe('the start of a plan', () => {
  it('is the whole text cut at that length, after edits by two people, deletions and formatting', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    a.getText('body').insert(0, '---\ntitle: Fractions\ngrade: 5\n---\n\n# Fractions\n');
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    for (let i = 0; i < 400; i++) {
      const text = (i % 2 === 0 ? a : b).getText('body');
      const at = Math.floor(random() * (text.length + 1));
      if (random() < 0.3 && text.length > 0)
        text.delete(Math.min(at, text.length - 1), 1 + Math.floor(random() * 3));
      else if (random() < 0.1) text.insert(at, 'bold', { bold: true });
      else text.insert(at, 'learners ✓ compare\n'.slice(0, 1 + Math.floor(random() * 20)));
      if (i % 10 === 0) {
        Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
        Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
      }
    }
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    a.getText('body').insertEmbed(3, { image: 'diagram.png' });
    const text = a.getText('body');
    const whole = text.toString();
    expect(whole.length).toBeGreaterThan(100);
    for (const chars of [0, 1, 3, 4, 17, 100, whole.length - 1, whole.length, whole.length + 50]) {
      expect(textStart(text, chars)).toBe(whole.slice(0, chars));
    }
  });

  it('read up to where its front matter closes gives the front matter the whole text gives', () => {
    const body = '\n# Fractions\n\nLearners compare halves and quarters.\n'.repeat(200);
    const plans = [
      `---\ntitle: Fractions\ngrade: 5\nweek: 3\n---\n${body}`,
      `---\ntitle: Only front matter\n---`,
      `---\ntitle: Never closed\ngrade: 5\n${body}`,
      `# No front matter\n${body}`,
      `--\n${body}`,
      '---',
      '',
    ];
    for (const plan of plans) {
      // Typed a character at a time (an item each, so the closing "---" spans items), and pasted.
      for (const typed of [true, false]) {
        const doc = new Y.Doc();
        const text = doc.getText('body');
        // Typed back to front so that Yjs cannot merge the characters into one item.
        if (typed) for (const ch of [...plan.slice(0, 300)].reverse()) text.insert(0, ch);
        else text.insert(0, plan.slice(0, 300));
        text.insert(text.length, plan.slice(300));
        const whole = text.toString();
        const start = textStart(text, 4096, frontMatterSettled);
        expect(whole.startsWith(start)).toBe(true);
        const closesEarly = whole.startsWith('---\n') && whole.indexOf('\n---', 3) >= 0;
        expect(readFrontMatter(start).frontMatter).toEqual(readFrontMatter(whole).frontMatter);
        // With an item per character it stops as soon as the answer is known. (A paste is one
        // item, which it takes whole.)
        if (typed && closesEarly) expect(start.length).toBe(whole.indexOf('\n---', 3) + 4);
        if (typed && !whole.startsWith('---')) expect(start.length).toBe(Math.min(whole.length, 4));
      }
    }
  });
});
