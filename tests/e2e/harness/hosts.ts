import { codeServerHost } from './codeServerHost';
import type { VSCodeHost } from './host';
import { webHost } from './webHost';

/** Both extension hosts; `CLUSTER_LESSONS_E2E_HOSTS=web` (or `node`) narrows a local run. */
export function hostsUnderTest(): VSCodeHost[] {
  const wanted = (process.env.CLUSTER_LESSONS_E2E_HOSTS ?? 'node,web').split(',');
  return [codeServerHost, webHost].filter((h) => wanted.includes(h.kind));
}
