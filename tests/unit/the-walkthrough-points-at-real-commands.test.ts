import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  contributes: {
    commands: Array<{ command: string }>;
    walkthroughs: Array<{
      steps: Array<{
        id: string;
        description: string;
        media: { image?: string };
        completionEvents?: string[];
      }>;
    }>;
  };
};
const nls = JSON.parse(readFileSync(path.join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;
const commands = new Set(manifest.contributes.commands.map((c) => c.command));
const steps = manifest.contributes.walkthroughs.flatMap((w) => w.steps);

/** The English text behind a manifest string ("%key%" or literal). */
const english = (value: string): string => nls[value.replace(/^%|%$/g, '')] ?? value;

// A button in a walkthrough step that names a command nobody contributes does nothing when a
// teacher clicks it, and a completion event on such a command never ticks the step off.
describe('The "Get Started" walkthrough', () => {
  it('has steps, and each button runs a command the extension contributes', () => {
    expect(steps.length).toBeGreaterThanOrEqual(5);
    for (const step of steps) {
      const links = [...english(step.description).matchAll(/\(command:([\w.]+)\)/g)].map((m) => m[1]);
      expect(links, `step ${step.id} has a button`).not.toHaveLength(0);
      for (const command of links) expect(commands, `step ${step.id}`).toContain(command);
    }
  });

  it('each step is ticked off by running a command the extension contributes', () => {
    for (const step of steps) {
      const events = step.completionEvents ?? [];
      expect(events, `step ${step.id}`).not.toHaveLength(0);
      for (const event of events) {
        expect(event).toMatch(/^onCommand:/);
        expect(commands, `step ${step.id}`).toContain(event.slice('onCommand:'.length));
      }
    }
  });

  it("each step's picture is a file that ships in the package", () => {
    const ignored = readFileSync(path.join(root, '.vscodeignore'), 'utf8');
    for (const step of steps) {
      const image = step.media.image;
      expect(image, `step ${step.id}`).toBeDefined();
      expect(existsSync(path.join(root, image as string)), image).toBe(true);
      // .vscodeignore leaves out everything but what it names; media/ is among what it keeps.
      expect(image).toMatch(/^media\//);
      expect(ignored).toContain('!media/**');
    }
  });
});
