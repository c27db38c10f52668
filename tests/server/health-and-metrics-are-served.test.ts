import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterEach, describe, expect, it } from 'vitest';
import { VERSION } from '../../server/index';
import { connectClient, waitFor } from './helpers/clients';
import { startTestServer, type TestServer } from './helpers/testServer';

describe('an operator checking the server', () => {
  let server: TestServer;

  afterEach(async () => {
    await server.close();
  });

  it('finds /healthz answering with the version and /metrics in the Prometheus text format', async () => {
    server = await startTestServer();
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ ok: true, version: VERSION });

    const client = connectClient(server.url, `${server.cluster.clusterId}/plan/p`, server.leader.token);
    await client.synced();
    for (let i = 0; i < 5; i++) client.text.insert(0, 'x');
    const reader = connectClient(server.url, `${server.cluster.clusterId}/plan/p`, server.leader.token);
    await waitFor(() => reader.text.length === 5, 5_000, 'the edits');

    const response = await fetch(`${server.url}/metrics`);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    const value = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1]);
    expect(value('cluster_lessons_connections')).toBe(2);
    expect(value('cluster_lessons_documents_loaded')).toBe(1);
    expect(value('cluster_lessons_updates_stored_total')).toBeGreaterThanOrEqual(5);
    expect(value('cluster_lessons_updates_per_second')).toBeGreaterThan(0);
    expect(value('cluster_lessons_bytes_received_total')).toBeGreaterThan(0);
    expect(value('cluster_lessons_bytes_sent_total')).toBeGreaterThan(0);
    expect(value('cluster_lessons_storage_write_seconds_count')).toBeGreaterThan(0);
    expect(value('process_resident_memory_bytes')).toBeGreaterThan(value('nodejs_heap_size_used_bytes'));
    expect(value('nodejs_heap_size_used_bytes')).toBeGreaterThan(1_000_000);
    expect(value('nodejs_heap_size_total_bytes')).toBeGreaterThanOrEqual(
      value('nodejs_heap_size_used_bytes'),
    );
    expect(value('nodejs_external_memory_bytes')).toBeGreaterThan(0);
    // The young and old generations by name, each within the heap's total.
    for (const space of ['new', 'old']) {
      const total = value(`nodejs_heap_space_size_total_bytes\\{space="${space}"\\}`);
      expect(total).toBeGreaterThan(0);
      expect(total).toBeLessThanOrEqual(value('nodejs_heap_size_total_bytes'));
      expect(value(`nodejs_heap_space_size_used_bytes\\{space="${space}"\\}`)).toBeLessThanOrEqual(total);
    }
    expect(text).toMatch(/^# TYPE nodejs_gc_duration_seconds summary$/m);
    expect(text).toMatch(/^cluster_lessons_storage_write_seconds_bucket\{le="\+Inf"\} \d+$/m);
    for (const line of text.trim().split('\n'))
      expect(line).toMatch(/^(# (HELP|TYPE) \w+ .+|\w+(\{[^}]*\})? [\d.e+-]+)$/);
    client.destroy();
    reader.destroy();
  });

  it('sees how long the server paused for garbage collection', async () => {
    server = await startTestServer();
    const gcCount = async () => {
      const text = await (await fetch(`${server.url}/metrics`)).text();
      return Number(/^nodejs_gc_duration_seconds_count\{kind="major"\} (\S+)$/m.exec(text)?.[1] ?? 0);
    };
    const before = await gcCount();
    // A full collection on demand (the server runs in this process).
    setFlagsFromString('--expose-gc');
    (runInNewContext('gc') as () => void)();
    // Observers hear of a collection a moment after it (at most 5 s here).
    let after = await gcCount();
    for (let i = 0; i < 100 && after <= before; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      after = await gcCount();
    }
    expect(after).toBeGreaterThan(before);
    const text = await (await fetch(`${server.url}/metrics`)).text();
    expect(Number(/^nodejs_gc_duration_seconds_sum\{kind="major"\} (\S+)$/m.exec(text)?.[1])).toBeGreaterThan(
      0,
    );
  });
});
