// `npm start`: the sync server with its embedded SQLite database, a demo cluster seeded once,
// and VS Code for the Web with the extension installed, pointed at the server.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ensureTestWeb, ensureVscodeWeb, ROOT } from './tools.mjs';

const { values: args } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.CLUSTER_LESSONS_PORT ?? '1234' },
    'web-port': { type: 'string', default: process.env.CLUSTER_LESSONS_WEB_PORT ?? '3000' },
    data: { type: 'string', default: process.env.CLUSTER_LESSONS_DATA ?? path.join(ROOT, 'data') },
  },
});
const dataDir = path.resolve(args.data);
const serverUrl = `http://localhost:${args.port}`;
const cli = path.join(ROOT, 'dist', 'server', 'cli.js');
const say = (line) => process.stdout.write(`${line}\n`);

execFileSync(process.execPath, [path.join(ROOT, 'esbuild.config.mjs')], { cwd: ROOT, stdio: 'inherit' });
mkdirSync(dataDir, { recursive: true });

// 1. The demo cluster: created once; its codes are kept beside the database for later runs.
const demoFile = path.join(dataDir, 'demo.json');
if (!existsSync(demoFile)) {
  const created = execFileSync(
    process.execPath,
    [
      cli,
      'cluster',
      'create',
      '--data',
      dataDir,
      '--name',
      'Nkomazi Natural Sciences Cluster',
      '--leader',
      'Thandi Mokoena',
      '--school',
      'Mbuzini Secondary School',
      '--school',
      'Tonga Combined School',
    ],
    { encoding: 'utf8' },
  );
  writeFileSync(demoFile, JSON.stringify({ ...JSON.parse(created), seeded: false }, null, 2));
}
const demo = JSON.parse(readFileSync(demoFile, 'utf8'));

// 2. The sync server, logging JSON lines to a file so this terminal stays readable.
const serverLog = path.join(dataDir, 'server.log');
const { openSync } = await import('node:fs');
const logFd = openSync(serverLog, 'a');
const server = spawn(
  process.execPath,
  [cli, 'serve', '--host', '127.0.0.1', '--port', args.port, '--data', dataDir],
  {
    stdio: ['ignore', logFd, logFd],
  },
);
await waitFor(`http://127.0.0.1:${args.port}/healthz`, 20_000, server);

// 3. Demo documents, written once through the real sync protocol as the cluster leader.
if (!demo.seeded) {
  const { seedDemoDocuments } = await import(path.join(ROOT, 'dist', 'scripts', 'demo.mjs'));
  const members = await seedDemoDocuments({ serverUrl: `ws://127.0.0.1:${args.port}`, demo });
  demo.members = members;
  demo.seeded = true;
  writeFileSync(demoFile, JSON.stringify(demo, null, 2));
}

// 4. VS Code for the Web with this extension, opening a folder whose settings point at the server.
const workspace = path.join(dataDir, 'demo-workspace');
mkdirSync(path.join(workspace, '.vscode'), { recursive: true });
writeFileSync(
  path.join(workspace, '.vscode', 'settings.json'),
  // VS Code's own welcome page would open first; ours opens by itself on a first start instead.
  JSON.stringify({ 'clusterLessons.serverUrl': serverUrl, 'workbench.startupEditor': 'none' }, null, 2),
);
const testWeb = await import(path.join(ensureTestWeb(), 'out', 'server', 'index.js'));
const build = ensureVscodeWeb();
const web = await testWeb.open({
  browserType: 'none',
  extensionDevelopmentPath: ROOT,
  folderPath: workspace,
  quality: 'stable',
  commit: build.commit,
  testRunnerDataDir: build.cachePath,
  host: '127.0.0.1',
  port: Number(args['web-port']),
});

say('');
say('Cluster Lessons is running.');
// Two teachers on one computer: a browser keeps VS Code's sign-in (SecretStorage) and replicas per
// address, so the same page under two host names is two separate devices.
say(`  Open VS Code for the Web:   http://localhost:${args['web-port']}   (teacher 1)`);
say(
  `                              http://127.0.0.1:${args['web-port']}   (teacher 2, in another tab: the browser keeps them apart)`,
);
say(
  `  Sync server:                ${serverUrl}   (database in ${path.relative(ROOT, dataDir) || '.'}; log in ${path.relative(ROOT, serverLog)})`,
);
say(`  Demo cluster:               ${demo.name ?? 'Nkomazi Natural Sciences Cluster'} (${demo.clusterId})`);
say('    invite codes (type one into "Cluster Lessons: Join a Cluster…"):');
for (const [role, code] of Object.entries(demo.invites ?? {})) say(`      ${role.padEnd(8)} ${code}`);
// Device codes for the demo's two teachers, so one can see the observation round as its teacher
// (Sipho) or its observer (Lerato): a round is private to them, by design.
for (const member of demo.members ?? []) {
  try {
    const issued = JSON.parse(
      execFileSync(
        process.execPath,
        [cli, 'member', 'device-code', '--data', dataDir, '--member', member.id],
        {
          encoding: 'utf8',
        },
      ),
    );
    if (member === demo.members[0])
      say('    device codes, to sign in as a demo teacher (each works once, for 24 hours):');
    say(`      ${member.name.padEnd(16)} ${issued.code}`);
  } catch {
    // An older demo database without device codes: the invite codes above still work.
  }
}
say('Press Ctrl+C to stop.');

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  web.dispose();
  server.kill('SIGTERM');
  await new Promise((r) => (server.exitCode !== null ? r() : server.once('exit', r)));
  process.exit(0);
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
server.once('exit', (code) => {
  if (!stopping) {
    say(`The sync server stopped unexpectedly (exit ${code}); see ${serverLog}.`);
    web.dispose();
    process.exit(1);
  }
});

async function waitFor(url, timeoutMs, child) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`The sync server exited (code ${child.exitCode}); see ${serverLog}.`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`The sync server did not answer ${url} within ${timeoutMs / 1000} s; see ${serverLog}.`);
}
