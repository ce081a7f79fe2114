// The real connection: one HocuspocusProvider per document, all over ONE shared
// HocuspocusProviderWebsocket (one socket per collection, however many months are open), the
// collection's secret as the token (sent in Hocuspocus's auth message, never in the URL).
// Read from @hocuspocus/provider 3.4.4's sources:
//   - a provider on a shared socket must be `attach()`ed (only a provider that owns its socket
//     attaches itself);
//   - `unsyncedChanges` counts updates sent and not yet answered by the server's SyncStatus; it
//     is set to 1 at every (re)connection and reaches 0 once the sync step and every update
//     since are acknowledged — that is `whenAcknowledged`;
//   - a refused token arrives as `authenticationFailed` with the server's reason; a document the
//     server closes (collection-full) and a socket closed for a too-large message (1009) arrive
//     as `close`; `synced` follows every (re)connection's sync step 2;
//   - with no awareness on a socket the provider's ping check closes it after 30 s of silence, so
//     the first provider (the index) keeps its awareness and the others pass null.

import { HocuspocusProvider, HocuspocusProviderWebsocket, WebSocketStatus } from '@hocuspocus/provider';
import * as Y from 'yjs';
import { refusalOf, type Connect, type ConnectionStatus, type Connector, type SyncConnection } from './connection.ts';
import type { SyncConfig } from './store.ts';

export interface HocuspocusConnectOptions {
  /** A WebSocket class for Node (`ws`); the browser's own otherwise. */
  WebSocketPolyfill?: unknown;
  /** Reconnection delays (ms), for tests; Hocuspocus's own (1 s doubling up to 30 s) otherwise. */
  retry?: { delay?: number; minDelay?: number; maxDelay?: number };
}

/** A `Connect` over Hocuspocus. */
export function hocuspocusConnect(options: HocuspocusConnectOptions = {}): Connect {
  return (config: SyncConfig): Connector => {
    const socket = new HocuspocusProviderWebsocket({
      url: config.server,
      ...(options.WebSocketPolyfill ? { WebSocketPolyfill: options.WebSocketPolyfill } : {}),
      ...options.retry,
    });
    // The socket opened since it last closed: a close without an open means the server did not answer.
    let opened = false;
    socket.on('open', () => (opened = true));
    const connections = new Set<HocuspocusConnection>();
    socket.on('close', () => {
      const unreachable = !opened && (typeof navigator === 'undefined' || navigator.onLine !== false);
      opened = false;
      for (const conn of connections) conn.socketClosed(unreachable);
    });
    return {
      open(name) {
        const conn = new HocuspocusConnection(name, config.secret, socket, connections.size === 0);
        connections.add(conn);
        return conn;
      },
      reconnect() {
        // connect() cancels the pending retry (its delay grows to 30 s) and tries at once.
        if (socket.status !== WebSocketStatus.Connected) void socket.connect();
      },
      destroy() {
        for (const conn of connections) conn.destroy();
        connections.clear();
        socket.destroy();
      },
    };
  };
}

class HocuspocusConnection implements SyncConnection {
  readonly doc = new Y.Doc();
  readonly whenSynced: Promise<void>;
  status: ConnectionStatus = { state: 'connecting' };
  private readonly provider: HocuspocusProvider;
  private readonly listeners = new Set<(status: ConnectionStatus) => void>();
  private readonly ackWaiters: Array<() => void> = [];

  constructor(name: string, secret: string, socket: HocuspocusProviderWebsocket, awareness: boolean) {
    let resolveSynced: () => void = () => {};
    this.whenSynced = new Promise((resolve) => (resolveSynced = resolve));
    this.provider = new HocuspocusProvider({
      name,
      document: this.doc,
      websocketProvider: socket,
      token: secret,
      ...(awareness ? {} : { awareness: null }),
    });
    this.provider.on('synced', () => {
      if (this.status.state === 'refused') return;
      this.setStatus({ state: 'synced' });
      resolveSynced();
    });
    this.provider.on('unsyncedChanges', () => this.checkAcknowledged());
    this.provider.on('authenticationFailed', ({ reason }: { reason: string }) => {
      // The server could not store (storage-failed): not this device's fault, so it retries later.
      if (reason.includes('storage-failed')) this.setStatus({ state: 'offline' });
      else this.setStatus({ state: 'refused', reason: refusalOf(reason) ?? 'wrong-code' });
    });
    this.provider.on('close', ({ event }: { event: { code?: number; reason?: string } }) => {
      const refusal = refusalOf(event?.reason, event?.code);
      if (refusal) this.setStatus({ state: 'refused', reason: refusal });
      else if (this.status.state !== 'refused' && this.status.state !== 'offline') this.setStatus({ state: 'offline' });
    });
    this.provider.on('status', ({ status }: { status: string }) => {
      if (status === 'connecting' && this.status.state !== 'refused') this.setStatus({ state: 'connecting' });
    });
    this.provider.attach();
  }

  whenAcknowledged(): Promise<void> {
    if (this.provider.unsyncedChanges === 0) return Promise.resolve();
    return new Promise((resolve) => this.ackWaiters.push(resolve));
  }

  onStatus(listener: (status: ConnectionStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  socketClosed(unreachable: boolean): void {
    if (this.status.state === 'refused') return;
    this.setStatus(unreachable ? { state: 'offline', unreachable: true } : { state: 'offline' });
  }

  destroy(): void {
    this.listeners.clear();
    this.provider.destroy();
    this.doc.destroy();
  }

  private checkAcknowledged(): void {
    if (this.provider.unsyncedChanges !== 0) return;
    for (const resolve of this.ackWaiters.splice(0)) resolve();
  }

  private setStatus(status: ConnectionStatus): void {
    const same = status.state === this.status.state && JSON.stringify(status) === JSON.stringify(this.status);
    this.status = status;
    if (same) return;
    for (const listener of [...this.listeners]) listener(status);
  }
}
