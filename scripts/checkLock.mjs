// CI's lock-drift check: after `npm install` with the committed lock, did npm have to change what
// gets installed? A byte diff is too strict: the same npm (11.19) sometimes adds, sometimes drops
// other platforms' optional packages (rollup's native builds) depending on its cache. Those entries
// never install here, so they are ignored; any other added, removed or re-versioned package means
// package.json and package-lock.json disagree, and the fix is `npm install` and commit the lock.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const committed = JSON.parse(execFileSync('git', ['show', 'HEAD:package-lock.json'], { encoding: 'utf8' }));
const installed = JSON.parse(readFileSync('package-lock.json', 'utf8'));

const before = committed.packages ?? {};
const after = installed.packages ?? {};
const problems = [];

for (const [name, entry] of Object.entries(after)) {
  const old = before[name];
  if (!old) {
    if (!entry.optional) problems.push(`added ${name}@${entry.version}`);
  } else if (old.version !== entry.version) {
    problems.push(`changed ${name} ${old.version} -> ${entry.version}`);
  }
}
for (const [name, entry] of Object.entries(before)) {
  if (!after[name] && !entry.optional) problems.push(`removed ${name}@${entry.version}`);
}
// The root entry carries package.json's dependency ranges: a changed range is drift too.
if (JSON.stringify(before['']) !== JSON.stringify(after['']))
  problems.push('the root dependency ranges changed');

if (problems.length > 0) {
  console.error('package-lock.json is out of date with package.json: run `npm install` and commit the lock.');
  for (const p of problems.slice(0, 30)) console.error(`  ${p}`);
  process.exit(1);
}
console.log('package-lock.json matches package.json (other platforms’ optional packages aside)');
