// The test clients themselves: tearing one down mid-reconnect must not crash the run, as it once did in CI
// ("WebSocket was closed before the connection was established" as an uncaught exception in afterAll).
import { createServer } from 'node:net';
import { expect, it } from 'vitest';
import { connectClient } from './serverProcess.ts';

it('destroys a client whose socket is still connecting without an uncaught error', async () => {
  const uncaught: unknown[] = [];
  const record = (error: unknown) => uncaught.push(error);
  process.on('uncaughtException', record);
  // Accepts the TCP connection and never answers the upgrade, so the socket stays CONNECTING.
  const silent = createServer(() => undefined);
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', () => resolve()));
  try {
    const port = (silent.address() as { port: number }).port;
    const client = connectClient(`ws://127.0.0.1:${port}`, 'connecting', 'token');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(client.socket.webSocket?.readyState).toBe(0);
    client.destroy();
    await new Promise((resolve) => setTimeout(resolve, 100));
  } finally {
    process.off('uncaughtException', record);
    silent.close();
  }
  expect(uncaught.map(String)).toEqual([]);
});
