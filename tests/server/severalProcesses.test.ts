// Past one server: Debian's redis-server on 127.0.0.1 and two sync server processes sharing one data
// folder (SQLite locks order their writes); a device on each sees the other's writes through Redis.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acknowledged, connectClient, newCollection, runServerToExit, startServer, tempDir, waitFor, type Client, type ServerProcess } from './serverProcess.ts';

let redis: ChildProcess;
let redisUrl: string;
const servers: ServerProcess[] = [];
const clients: Client[] = [];

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

beforeAll(async () => {
  if (spawnSync('sh', ['-c', 'command -v redis-server']).status !== 0) {
    throw new Error("redis-server is not installed: apt-get install -y redis-server (as .ci/run does)");
  }
  const port = await freePort();
  const dir = tempDir('redis');
  // The shell ends redis-server when its stdin closes, so a test runner that dies takes Redis with it.
  redis = spawn('sh', ['-c', `redis-server --bind 127.0.0.1 --port ${port} --save '' --appendonly no --dir "${dir}" & pid=$!; cat >/dev/null; kill $pid`], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  redis.stdout!.setEncoding('utf8').on('data', (chunk: string) => { output += chunk; });
  redis.stderr!.setEncoding('utf8').on('data', (chunk: string) => { output += chunk; });
  await waitFor(() => output.includes('Ready to accept connections'), 'redis-server to start').catch((error: Error) => {
    throw new Error(`${error.message}; it said: ${output}`);
  });
  redisUrl = `redis://127.0.0.1:${port}`;
});

afterAll(async () => {
  for (const c of clients) c.destroy();
  await Promise.all(servers.map((s) => s.stop('SIGKILL')));
  if (redis) {
    const gone = new Promise((resolve) => redis.once('exit', resolve));
    redis.stdin!.end();
    await gone;
  }
});

describe('several server processes with --redis', () => {
  it('refuses to start with one sentence and exit code 2 when Redis cannot be reached', async () => {
    const nobody = await freePort();
    const result = await runServerToExit(['--port', '0', '--data', tempDir('noredis'), '--redis', `redis://:hunter2-password@127.0.0.1:${nobody}`]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n').pop()).toBe(`sync-server: Cannot reach Redis at redis://127.0.0.1:${nobody}.`);
    expect(result.stderr).not.toContain('hunter2');
  });

  it('relays a write on one process to a device on the other, and both writes survive killing both', async () => {
    const data = tempDir('shared');
    const one = await startServer(['--data', data, '--redis', redisUrl]);
    servers.push(one);
    const two = await startServer(['--data', data], { REHEARSE_SYNC_REDIS: redisUrl });
    servers.push(two);
    expect(one.port).not.toBe(two.port);
    // The Redis extension adds nothing to stdout: still the one listening line.
    expect(one.stdout()).toBe(`Rehearse sync server listening on ${one.url}\n`);

    const { id, secret } = newCollection();
    const name = `${id}/reviews/2026-12`;
    const a = connectClient(one.url, name, secret);
    clients.push(a);
    await waitFor(() => a.provider.isSynced, 'device A to sync with process one');
    const b = connectClient(two.url, name, secret);
    clients.push(b);
    await waitFor(() => b.provider.isSynced, 'device B to sync with process two');

    const latencies: number[] = [];
    for (let i = 0; i < 5; i++) {
      const sent = performance.now();
      a.doc.getMap('rows').set(`r:a${i}`, { grade: 3 });
      await waitFor(() => b.doc.getMap('rows').has(`r:a${i}`), `A's review ${i} to reach B`, 10_000);
      latencies.push(performance.now() - sent);
    }
    b.doc.getMap('rows').set('r:b0', { grade: 1 });
    await waitFor(() => a.doc.getMap('rows').has('r:b0'), "B's review to reach A", 10_000);
    console.log(`process one → Redis → process two: ${latencies.map((ms) => ms.toFixed(1)).join(', ')} ms`);

    await acknowledged(a, "A's writes to be acknowledged");
    await acknowledged(b, "B's write to be acknowledged");
    await one.stop('SIGKILL');
    await two.stop('SIGKILL');

    const three = await startServer(['--data', data, '--redis', redisUrl]);
    servers.push(three);
    const c = connectClient(three.url, name, secret);
    clients.push(c);
    await waitFor(() => c.provider.isSynced, 'a device to sync after the restart');
    expect([...c.doc.getMap('rows').keys()].sort()).toEqual(['r:a0', 'r:a1', 'r:a2', 'r:a3', 'r:a4', 'r:b0']);
  });
});
