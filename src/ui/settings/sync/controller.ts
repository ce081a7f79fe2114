// What Settings → Sync does, apart from how it looks: create a collection, join one with a code,
// leave, and the status of the running bridge. One controller per app (the screen and the start
// at launch share it); the bridge and storage come in through `SyncBackend`, so tests and the
// screenshot page can hand in a fake.
import { decodePairingCode, newCollection, normalizeServerAddress, type PairingConfig, type ParseResult } from '../../../sync/pairingCode.ts';
import type { SyncStatus, SyncStatusStore } from './status.ts';

/** A running bridge: its status, and how to stop it. */
export interface RunningSync {
  status: SyncStatusStore;
  stop(): void | Promise<void>;
}

/** Storage's sync config and the bridge's start (src/storage/syncStore.ts, src/sync/bridge.ts). */
export interface SyncBackend {
  getConfig(): Promise<PairingConfig | undefined>;
  /** `undefined`: leave sync (the local data stays). */
  setConfig(config: PairingConfig | undefined): Promise<void>;
  start(config: PairingConfig): RunningSync;
}

const OFF: SyncStatus = { state: 'off', waiting: { reviews: 0, other: 0 } };

export class SyncController implements SyncStatusStore {
  private config: PairingConfig | undefined;
  private loaded: Promise<PairingConfig | undefined> | undefined;
  private running: RunningSync | undefined;
  private unsubscribe: (() => void) | undefined;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly backend: SyncBackend) {}

  /** The saved config, read once; starts the bridge when there is one (at launch, or when Settings opens first). */
  load(): Promise<PairingConfig | undefined> {
    this.loaded ??= this.backend.getConfig().then((config) => {
      this.config = config;
      if (config && !this.running) this.run(config);
      this.notify();
      return config;
    });
    return this.loaded;
  }

  /** The server of the collection this device left last (in this tab), to offer it again. */
  lastServer: string | undefined;

  /** The config in use, once `load` has answered. */
  get current(): PairingConfig | undefined {
    return this.config;
  }

  /** A new collection on the server the person typed; a sentence when the address is wrong. */
  async create(serverText: string): Promise<ParseResult<PairingConfig>> {
    const server = normalizeServerAddress(serverText);
    if (!server.ok) return server;
    const config = newCollection(server.value);
    await this.pair(config);
    return { ok: true, value: config };
  }

  /** Joins the collection of a typed or scanned code; a sentence when the code is wrong. */
  async join(codeText: string): Promise<ParseResult<PairingConfig>> {
    const decoded = decodePairingCode(codeText);
    if (!decoded.ok) return decoded;
    await this.pair(decoded.value);
    return decoded;
  }

  /** Starts the bridge again on the same collection (after a refusal the server may lift: a slow-down, a full collection). */
  async retry(): Promise<void> {
    const config = this.config;
    if (!config) return;
    await this.stopRunning();
    this.run(config);
    this.notify();
  }

  /** Follows the saved config after another tab changed it: starts, stops or switches the bridge. */
  async refresh(): Promise<void> {
    const config = await this.backend.getConfig();
    const same = config?.server === this.config?.server && config?.collection === this.config?.collection && config?.secret === this.config?.secret;
    if (same && this.loaded) return;
    await this.stopRunning();
    this.config = config;
    this.loaded = Promise.resolve(config);
    if (config) this.run(config);
    this.notify();
  }

  /** Stops syncing and forgets the collection; every card and review stays on this device. */
  async leave(): Promise<void> {
    await this.stopRunning();
    await this.backend.setConfig(undefined);
    this.lastServer = this.config?.server;
    this.config = undefined;
    this.loaded = Promise.resolve(undefined);
    this.notify();
  }

  getSnapshot = (): SyncStatus => this.running?.status.getSnapshot() ?? OFF;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private async pair(config: PairingConfig): Promise<void> {
    await this.stopRunning();
    await this.backend.setConfig(config);
    this.config = config;
    this.loaded = Promise.resolve(config);
    this.run(config);
    this.notify();
  }

  private run(config: PairingConfig): void {
    this.running = this.backend.start(config);
    this.unsubscribe = this.running.status.subscribe(() => this.notify());
  }

  private async stopRunning(): Promise<void> {
    const running = this.running;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.running = undefined;
    await running?.stop();
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }
}
