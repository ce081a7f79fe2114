// bench:sync's devices and meters: a device is real storage on its own fake-indexeddb factory,
// synced by the real bridge over the real Hocuspocus connection, with `ws` as its WebSocket —
// wrapped so every message the device receives or sends is counted (payload bytes, as the
// WebSocket hands them over; TCP and frame headers are not counted).

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import WebSocket from 'ws';
import { State } from '../../src/core/scheduling/fsrs.ts';
import type { RehearseDb, StoredCardState } from '../../src/storage/index.ts';
import * as syncStore from '../../src/storage/syncStore.ts';
import { startSync, type SyncHandle } from '../../src/sync/bridge.ts';
import { hocuspocusConnect } from '../../src/sync/hocuspocusConnect.ts';
import { freshFactory, openTestDb } from '../../tests/storage/helpers.ts';

/** Bytes and messages through one device's sockets. */
export interface WireMeter {
  received: number;
  receivedMessages: number;
  sent: number;
  sentMessages: number;
}

function payloadBytes(data: unknown): number {
  if (typeof data === 'string') return Buffer.byteLength(data);
  if (Array.isArray(data)) return data.reduce((sum: number, part) => sum + payloadBytes(part), 0);
  if (data instanceof ArrayBuffer) return data.byteLength;
  if (ArrayBuffer.isView(data)) return data.byteLength;
  return 0;
}

/** A `ws` WebSocket class that adds every message's bytes to `meter`. */
export function countingWebSocket(meter: WireMeter): typeof WebSocket {
  return class CountingWebSocket extends WebSocket {
    constructor(...args: ConstructorParameters<typeof WebSocket>) {
      super(...args);
      this.on('message', (data) => {
        meter.received += payloadBytes(data);
        meter.receivedMessages++;
      });
    }

    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- ws overloads send; this passes every form through
    override send(data: any, ...rest: any[]): void {
      meter.sent += payloadBytes(data);
      meter.sentMessages++;
      (WebSocket.prototype.send as (...a: unknown[]) => void).call(this, data, ...rest);
    }
  } as typeof WebSocket;
}

export interface Device {
  name: string;
  db: RehearseDb;
  meter: WireMeter;
  sync?: SyncHandle;
}

/** A fresh device: an empty database of its own (fuzz off, zone offset 0, as in the storage tests). */
export async function newDevice(name: string): Promise<Device> {
  return { name, db: await openTestDb(freshFactory(), name), meter: { received: 0, receivedMessages: 0, sent: 0, sentMessages: 0 } };
}

/** Starts the device's bridge (the device must have a sync config). */
export function startDeviceSync(device: Device): SyncHandle {
  const connect = hocuspocusConnect({ WebSocketPolyfill: countingWebSocket(device.meter), retry: { delay: 200, minDelay: 200, maxDelay: 1000 } });
  device.sync = startSync({ db: device.db, store: syncStore, connect });
  return device.sync;
}

/** The device's bridge stopped: it is offline (writes go on, into its outbox). */
export async function stopDeviceSync(device: Device): Promise<void> {
  await device.sync?.stop();
  delete device.sync;
}

/** The bridge says everything local is on the server and the server's rows are here. */
export function fullySynced(device: Device): boolean {
  const status = device.sync?.status.getSnapshot();
  if (status?.state === 'refused' || status?.state === 'error') {
    throw new Error(`${device.name}: sync ${status.state}: ${status.refusal ?? status.message ?? ''}`);
  }
  return status?.state === 'synced' && status.lastSyncedAt !== undefined && status.waiting.reviews + status.waiting.other === 0;
}

/** Polls `condition` every `everyMs` until it holds; fails after `timeoutMs`. */
export async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs: number, everyMs = 100): Promise<void> {
  const start = Date.now();
  while (!(await condition())) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** A card state as it must agree between devices (the property test's rule: no version, no due of a new card). */
function comparable(state: StoredCardState): string {
  const { version: _version, ...rest } = state;
  const schedule = state.schedule.state === State.New ? { ...state.schedule, due: 0 } : state.schedule;
  return JSON.stringify({ ...rest, schedule });
}

/** Review ids (sorted) and card states (by card id) of a device, for comparing two devices. */
export async function contents(db: RehearseDb): Promise<{ reviewIds: string[]; states: Map<string, string> }> {
  const reviewIds = ((await db.reviews.toCollection().primaryKeys()) as string[]).sort();
  const states = new Map((await db.cardStates.toArray()).map((s) => [s.cardId, comparable(s)]));
  return { reviewIds, states };
}

/** How two devices differ: reviews only one of them holds, cards whose states disagree. */
export function difference(
  a: Awaited<ReturnType<typeof contents>>,
  b: Awaited<ReturnType<typeof contents>>,
): { reviews: number; cards: number } {
  const ids = new Set(a.reviewIds);
  const shared = b.reviewIds.filter((id) => ids.has(id)).length;
  let cards = 0;
  for (const [id, state] of a.states) if (b.states.get(id) !== state) cards++;
  for (const id of b.states.keys()) if (!a.states.has(id)) cards++;
  return { reviews: a.reviewIds.length + b.reviewIds.length - 2 * shared, cards };
}

/** A process's resident memory now and at its peak (VmRSS, VmHWM from /proc), in bytes. */
export function processMemory(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
  return { rss: kb('VmRSS'), peak: kb('VmHWM') };
}

/** Bytes of every file under `dir`. */
export function folderBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    total += entry.isDirectory() ? folderBytes(path) : statSync(path).size;
  }
  return total;
}
