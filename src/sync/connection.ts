// What the bridge needs of a connection to the sync server, so the real one (Hocuspocus over one
// WebSocket, hocuspocusConnect.ts) and the tests' in-memory one are interchangeable.

import type * as Y from 'yjs';
import type { SyncConfig } from './store.ts';

/** Why the server (or the network) will not let this device sync. */
export type Refusal = 'wrong-code' | 'rate-limited' | 'collection-full' | 'message-too-large' | 'unreachable';

/** The state of one document's connection. */
export type ConnectionStatus =
  | { state: 'connecting' }
  /** In step with the server (after every (re)connection). */
  | { state: 'synced' }
  | { state: 'offline'; unreachable?: boolean }
  | { state: 'refused'; reason: Refusal };

/** One Yjs document kept in step with the server. */
export interface SyncConnection {
  doc: Y.Doc;
  /** Resolves once the document first came in step with the server. */
  whenSynced: Promise<void>;
  /** Resolves once the server acknowledged every local change made to `doc` so far. */
  whenAcknowledged(): Promise<void>;
  /** Calls `listener` with every status change (not the current one); returns the unsubscribe. */
  onStatus(listener: (status: ConnectionStatus) => void): () => void;
  /** The current status. */
  readonly status: ConnectionStatus;
  destroy(): void;
}

/** The documents of one collection on one server. */
export interface Connector {
  open(docName: string): SyncConnection;
  /** Tries to connect now rather than at the next retry (the network came back, the page was shown). */
  reconnect?(): void;
  /** Closes every connection (and the shared socket). */
  destroy(): void;
}

/** Makes a connector for a collection (real: `hocuspocusConnect`). */
export type Connect = (config: SyncConfig) => Connector;

/** The words a server puts in a refusal (authentication failure or close reason) → a Refusal. */
export function refusalOf(reason: string | undefined, code?: number): Refusal | undefined {
  if (code === 1009) return 'message-too-large';
  const known: Refusal[] = ['wrong-code', 'rate-limited', 'collection-full', 'message-too-large'];
  return known.find((r) => reason !== undefined && reason.includes(r));
}
