import path from 'node:path';
import type { RunningVSCode, VSCodeHost, WorkspaceOptions } from './host';
import { freshDir, ROOT } from './paths';
import { freePort, waitForHttp } from './ports';
import { tools } from './tools';
import { writeWorkspace } from './workspace';

interface TestWeb {
  open(options: Record<string, unknown>): Promise<{ dispose(): void }>;
}

export const webHost: VSCodeHost = {
  kind: 'web',
  label: 'VS Code for the Web (web worker extension host)',
  async start(options?: WorkspaceOptions): Promise<RunningVSCode> {
    const t = await tools();
    const testWeb = (await import(path.join(t.ensureTestWeb(), 'out', 'server', 'index.js'))) as TestWeb;
    const build = t.ensureVscodeWeb();
    const workspace = writeWorkspace(path.join(freshDir('web'), 'workspace'), options);
    const port = await freePort();
    const server = await testWeb.open({
      browserType: 'none',
      extensionDevelopmentPath: ROOT,
      folderPath: workspace,
      quality: 'stable',
      commit: build.commit,
      testRunnerDataDir: build.cachePath,
      // The web worker's iframe is served from <uuid>.localhost, which only resolves under localhost.
      host: 'localhost',
      port,
      printServerLog: false,
    });
    const url = `http://localhost:${port}/`;
    await waitForHttp(url, 30_000);
    return { url, stop: async () => server.dispose() };
  },
};
