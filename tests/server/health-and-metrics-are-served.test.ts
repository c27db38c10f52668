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
    expect(text).toMatch(/^cluster_lessons_storage_write_seconds_bucket\{le="\+Inf"\} \d+$/m);
    for (const line of text.trim().split('\n'))
      expect(line).toMatch(/^(# (HELP|TYPE) \w+ .+|\w+(\{[^}]*\})? [\d.e+-]+)$/);
    client.destroy();
    reader.destroy();
  });
});
