// A real server on port 0 in a fresh data directory, with one cluster and a way to add members.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import type { Role } from '../../../core/cluster/roles';
import { PLAN_TEXT } from '../../../core/plan/planDoc';
import {
  type ClusterCreated,
  createCluster,
  type Member,
  type RunningServer,
  type ServerOptions,
  startServer,
} from '../../../server/index';
import { waitFor } from './clients';

export interface TestMember {
  readonly token: string;
  readonly member: Member;
}

export interface TestServer {
  readonly running: RunningServer;
  readonly url: string;
  readonly dataDir: string;
  readonly cluster: ClusterCreated;
  readonly leader: TestMember;
  /** Joins through `POST /api/join` with the cluster's invite for the role. */
  join(role: Role, name: string, school?: string, cluster?: ClusterCreated): Promise<TestMember>;
  /** Another cluster on the same server. */
  createCluster(name: string): ClusterCreated;
  close(): Promise<void>;
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `cl-${prefix}-`));
}

export async function startTestServer(options: Partial<ServerOptions> = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? tempDir('server');
  const cluster = createCluster(dataDir, {
    name: 'Nkomazi Cluster',
    leader: 'Thandi Mokoena',
    schools: ['Mbuzini Secondary', 'Tonga Combined'],
  });
  const running = await startServer({
    port: 0,
    quiet: options.log === undefined,
    unloadDelayMs: 50,
    ...options,
    dataDir,
  });
  const url = running.url;
  return {
    running,
    url,
    dataDir,
    cluster,
    leader: { token: cluster.leaderToken, member: cluster.leader },
    join: (role, name, school = 'tonga-combined', inCluster = cluster) =>
      joinOverHttp(url, inCluster.invites[role], name, school),
    createCluster: (name) =>
      createCluster(dataDir, { name, leader: `${name} leader`, schools: ['Other School'] }),
    close: async () => {
      await running.close();
      if (options.dataDir === undefined) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function joinOverHttp(
  url: string,
  invite: string,
  name: string,
  school: string,
): Promise<TestMember> {
  const response = await fetch(`${url}/api/join`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ invite, name, school }),
  });
  if (response.status !== 201) throw new Error(`join failed: ${response.status} ${await response.text()}`);
  return (await response.json()) as TestMember;
}

export async function api(
  url: string,
  token: string | null,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const headers: Record<string, string> = {};
  if (token !== null) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(`${url}${path}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, json: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>) };
}

/** A counter or gauge of the server's /metrics (no labels); throws if it has none by that name. */
export async function readMetric(server: TestServer, name: string): Promise<number> {
  const metrics = await (await fetch(`${server.url}/metrics`)).text();
  const value = new RegExp(`^${name} (\\d+(?:\\.\\d+)?)$`, 'm').exec(metrics)?.[1];
  if (value === undefined) throw new Error(`/metrics has no ${name}`);
  return Number(value);
}

/**
 * Waits until the server has applied everything `doc` (a client's) holds. A client sends as it
 * types, but the server reads it a moment later: flushing before then would store nothing yet.
 */
export async function serverHasAllOf(
  server: TestServer,
  docName: string,
  doc: Y.Doc,
  timeoutMs = 5_000,
): Promise<void> {
  const wanted = Y.decodeStateVector(Y.encodeStateVector(doc));
  await waitFor(
    () => {
      // Only the state vector: encoding the whole document on every poll would be wasted work.
      const state = server.running.server.rooms.get(docName)?.readState(PLAN_TEXT);
      if (state === undefined) return false;
      const has = Y.decodeStateVector(state.stateVector);
      return [...wanted].every(([client, clock]) => (has.get(client) ?? 0) >= clock);
    },
    timeoutMs,
    `the server to have every update of ${docName}`,
  );
}
