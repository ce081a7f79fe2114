// An in-memory stand-in for the sync server: one Y.Doc per document name, devices that can go
// offline and online, deliveries on a later macrotask (like a network), acknowledgements after
// the server applied an update, and a secret per collection (a wrong one is refused and gets
// nothing). Implements the bridge's `Connect`.
import * as Y from 'yjs';
import type { Connect, ConnectionStatus, Connector, SyncConnection } from '../../../src/sync/connection.ts';
import type { SyncConfig } from '../../../src/sync/store.ts';

const FROM_SERVER = Symbol('from-server');

export class MemoryServer {
  readonly docs = new Map<string, Y.Doc>();
  private readonly secrets = new Map<string, string>();
  private readonly connections = new Set<MemoryConnection>();
  /** Bytes of every update that reached the server. */
  bytesIn = 0;
  /** Deliveries scheduled and not yet run. */
  inFlight = 0;
  /** Macrotasks each delivery takes (more: more writes of two devices cross on the way). */
  constructor(readonly latency = 1) {}

  /** A device's way to the server; `setOnline` cuts or restores it. */
  device(): MemoryDevice {
    return new MemoryDevice(this);
  }

  serverDoc(name: string): Y.Doc {
    let doc = this.docs.get(name);
    if (!doc) {
      doc = new Y.Doc();
      this.docs.set(name, doc);
      doc.on('update', (update: Uint8Array, origin: unknown) => {
        for (const conn of this.connections) if (conn.name === name && conn !== origin) conn.deliver(update);
      });
    }
    return doc;
  }

  /** True when `secret` opens `collection` (the first secret seen creates it). */
  authorize(name: string, secret: string): boolean {
    const collection = name.split('/')[0]!;
    const known = this.secrets.get(collection);
    if (known === undefined) {
      this.secrets.set(collection, secret);
      return true;
    }
    return known === secret;
  }

  add(conn: MemoryConnection): void {
    this.connections.add(conn);
  }

  remove(conn: MemoryConnection): void {
    this.connections.delete(conn);
  }

  later(run: () => void): void {
    this.inFlight++;
    const hop = (left: number) =>
      setTimeout(() => {
        if (left > 1) return hop(left - 1);
        this.inFlight--;
        run();
      }, 0);
    hop(this.latency);
  }

  /** Resolves once no delivery is in flight. */
  async quiet(): Promise<void> {
    while (this.inFlight > 0) await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

export class MemoryDevice {
  online = true;
  readonly connections = new Set<MemoryConnection>();
  constructor(readonly server: MemoryServer) {}

  readonly connect: Connect = (config: SyncConfig): Connector => ({
    open: (name) => {
      const conn = new MemoryConnection(this, name, config.secret);
      this.connections.add(conn);
      return conn;
    },
    destroy: () => {
      for (const conn of this.connections) conn.destroy();
      this.connections.clear();
    },
  });

  setOnline(online: boolean): void {
    this.online = online;
    for (const conn of this.connections) conn.reachability();
  }
}

export class MemoryConnection implements SyncConnection {
  readonly doc = new Y.Doc();
  readonly whenSynced: Promise<void>;
  status: ConnectionStatus = { state: 'connecting' };
  private pending = 0;
  private readonly listeners = new Set<(status: ConnectionStatus) => void>();
  private readonly ackWaiters: Array<() => void> = [];
  private resolveSynced: () => void = () => {};
  private destroyed = false;
  /** Bumped at every going offline, so deliveries of an older link are dropped. */
  private link = 0;

  constructor(readonly device: MemoryDevice, readonly name: string, private readonly secret: string) {
    this.whenSynced = new Promise((resolve) => (this.resolveSynced = resolve));
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === FROM_SERVER) return;
      this.pending++;
      if (this.status.state !== 'synced') return; // sent with the next sync
      const link = this.link;
      this.device.server.later(() => {
        if (link !== this.link || this.destroyed) return;
        this.device.server.bytesIn += update.length;
        Y.applyUpdate(this.device.server.serverDoc(this.name), update, this);
        this.acknowledge(1);
      });
    });
    this.reachability();
  }

  whenAcknowledged(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.ackWaiters.push(resolve));
  }

  onStatus(listener: (status: ConnectionStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  destroy(): void {
    this.destroyed = true;
    this.device.connections.delete(this);
    this.link++;
    this.device.server.remove(this);
    this.listeners.clear();
    this.doc.destroy();
  }

  /** The server's update for this document (dropped when offline: the next sync carries it). */
  deliver(update: Uint8Array): void {
    if (this.status.state !== 'synced') return;
    const link = this.link;
    this.device.server.later(() => {
      if (link !== this.link || this.destroyed) return;
      Y.applyUpdate(this.doc, update, FROM_SERVER);
    });
  }

  reachability(): void {
    if (this.destroyed) return;
    if (!this.device.online) {
      this.link++;
      this.device.server.remove(this);
      if (this.status.state !== 'offline') this.setStatus({ state: 'offline' });
      return;
    }
    if (this.status.state === 'synced' || this.status.state === 'refused') return;
    this.setStatus({ state: 'connecting' });
    const link = this.link;
    this.device.server.later(() => {
      if (link !== this.link || this.destroyed) return;
      if (!this.device.server.authorize(this.name, this.secret)) {
        this.setStatus({ state: 'refused', reason: 'wrong-code' });
        return;
      }
      // Sync steps 1 and 2 both ways, as the Hocuspocus provider does on every (re)connection.
      const server = this.device.server.serverDoc(this.name);
      const toServer = Y.encodeStateAsUpdate(this.doc, Y.encodeStateVector(server));
      this.device.server.bytesIn += toServer.length;
      Y.applyUpdate(server, toServer, this);
      Y.applyUpdate(this.doc, Y.encodeStateAsUpdate(server, Y.encodeStateVector(this.doc)), FROM_SERVER);
      this.device.server.add(this);
      this.acknowledge(this.pending);
      this.setStatus({ state: 'synced' });
      this.resolveSynced();
    });
  }

  private acknowledge(count: number): void {
    this.pending = Math.max(0, this.pending - count);
    if (this.pending > 0) return;
    for (const resolve of this.ackWaiters.splice(0)) resolve();
  }

  private setStatus(status: ConnectionStatus): void {
    this.status = status;
    for (const listener of [...this.listeners]) listener(status);
  }
}
