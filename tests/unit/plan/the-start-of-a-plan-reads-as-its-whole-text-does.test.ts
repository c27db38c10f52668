import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
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
});
