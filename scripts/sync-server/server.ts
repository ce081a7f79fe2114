// The Rehearse sync server: our own http + ws server bound to the chosen host (Hocuspocus 3.4's Server
// class ignores `address` and listens on every interface), handing each WebSocket to Hocuspocus.
// Refusals reach the client as reasons: `wrong-code` and `rate-limited` (authentication failed),
// `collection-full` (the document's connection is closed), `message-too-large` (the socket is closed, 1009).
import { createServer, type IncomingMessage } from 'node:http';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import { Database } from '@hocuspocus/extension-database';
import { Redis } from '@hocuspocus/extension-redis';
import {
  Hocuspocus,
  MessageType,
  type Extension,
  type afterLoadDocumentPayload,
  type beforeHandleMessagePayload,
  type onAuthenticatePayload,
  type onDisconnectPayload,
} from '@hocuspocus/server';
import * as decoding from 'lib0/decoding';
import { WebSocketServer, type WebSocket } from 'ws';
import { messageYjsSyncStep2, messageYjsUpdate } from 'y-protocols/sync';
import * as Y from 'yjs';
import { collectionOfDocument, shortCollection } from './names.ts';
import type { ServerOptions } from './options.ts';
import { hashSecret, verifySecret, VerifiedSecrets } from './secrets.ts';
import { DATABASE_FILE, NewerStoreError, SyncStore } from './store.ts';
import { NewCollectionLimiter } from './newCollectionLimiter.ts';
import { WrongCodeLimiter } from './wrongCodeLimiter.ts';

/** Reasons a client receives when the server refuses it. */
export type RefusalReason =
  | 'wrong-code' | 'rate-limited' | 'collection-full' | 'message-too-large' | 'bad-document-name' | 'storage-failed' | 'not-authenticated';

/** The server could not start; the message is one sentence for the person starting it. */
export class StartError extends Error {
  override name = 'StartError';
}

export interface RunningSyncServer {
  /** `ws://HOST:PORT` */
  url: string;
  port: number;
  store: SyncStore;
  close(): Promise<void>;
}

/** Per-connection context Hocuspocus passes to every hook. */
interface ConnectionContext {
  connection: number;
  address: string;
  /** Documents this socket opened with the right code (shared by every document's copy of the context). */
  authenticated: Set<string>;
  collectionId?: string;
}

/** The document name a Hocuspocus message starts with, or undefined if it has none. */
function documentNameOfMessage(data: Uint8Array): string | undefined {
  try {
    return decoding.readVarString(decoding.createDecoder(data));
  } catch {
    return undefined;
  }
}

const REDIS_ORIGIN = '__hocuspocus__redis__origin__';
const MIN_SECRET_LENGTH = 16;
const MAX_SECRET_LENGTH = 512;

function refusal(reason: RefusalReason): { reason: RefusalReason } {
  // A plain object with no `message`: Hocuspocus then sends the reason without logging the error itself.
  return { reason };
}

function clientAddress(request: IncomingMessage, trustProxy: boolean): string {
  const forwarded = request.headers['x-forwarded-for'];
  const last = trustProxy && typeof forwarded === 'string' ? forwarded.split(',').pop()?.trim() : undefined;
  const address = last || request.socket.remoteAddress || 'unknown';
  return address.replace(/^::ffff:/, '');
}

/** The update carried by a sync message (step 2 or update), or undefined for any other message. */
function updateOfMessage(data: Uint8Array): Uint8Array | undefined {
  try {
    const decoder = decoding.createDecoder(data);
    decoding.readVarString(decoder);
    const type = decoding.readVarUint(decoder);
    if (type !== MessageType.Sync && type !== MessageType.SyncReply) return undefined;
    const syncType = decoding.readVarUint(decoder);
    if (syncType !== messageYjsSyncStep2 && syncType !== messageYjsUpdate) return undefined;
    return decoding.readVarUint8Array(decoder);
  } catch {
    return undefined; // Hocuspocus itself refuses a message it cannot read.
  }
}

function redisConfiguration(url: string) {
  const parsed = new URL(url);
  const db = Number(parsed.pathname.replace(/^\//, '') || '0');
  return {
    host: parsed.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: Number(parsed.port || 6379),
    prefix: 'rehearse-sync',
    options: {
      ...(parsed.username ? { username: decodeURIComponent(parsed.username) } : {}),
      ...(parsed.password ? { password: decodeURIComponent(parsed.password) } : {}),
      ...(Number.isInteger(db) ? { db } : {}),
      ...(parsed.protocol === 'rediss:' ? { tls: {} } : {}),
    },
  };
}

function redisLabel(url: string): string {
  const parsed = new URL(url);
  return `${parsed.protocol}//${parsed.host}`; // never the password
}

async function waitForRedis(redis: Redis, url: string): Promise<void> {
  const clients = [redis.pub, redis.sub];
  await Promise.all(clients.map((client) => new Promise<void>((resolve, reject) => {
    if (client.status === 'ready') return resolve();
    const timer = setTimeout(() => reject(new StartError(`Cannot reach Redis at ${redisLabel(url)}.`)), 5000);
    client.once('ready', () => { clearTimeout(timer); resolve(); });
  })));
}

/** Why a data folder cannot be opened, in words, by the error code of node:fs or SQLite. */
const STORE_OPEN_REASONS: Record<string, string> = {
  ENOTDIR: 'part of its path is a file, not a folder',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  SQLITE_CANTOPEN: 'permission denied, or no such folder',
  SQLITE_READONLY: 'it is read-only',
  SQLITE_PERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOSPC: 'the disk is full',
  SQLITE_FULL: 'the disk is full',
  SQLITE_BUSY: 'another program keeps its database locked',
};

/** Starts listening; resolves once the port is bound (or rejects with a StartError). */
export async function startSyncServer(options: ServerOptions, log: (line: string) => void): Promise<RunningSyncServer> {
  let store: SyncStore;
  try {
    store = new SyncStore(options.dataDir);
  } catch (error) {
    if (error instanceof NewerStoreError) throw new StartError(error.message);
    const reason = (error as { code?: string }).code ?? (error as Error).message;
    if (reason === 'SQLITE_NOTADB') {
      throw new StartError(`${join(options.dataDir, DATABASE_FILE)} is not a SQLite database; move it away or choose another --data folder.`);
    }
    throw new StartError(`Cannot write to the data folder ${options.dataDir}: ${STORE_OPEN_REASONS[reason] ?? reason}.`);
  }

  let closed = false;
  const limiter = new WrongCodeLimiter({
    limit: options.wrongCodeLimit,
    windowMs: 60_000,
    firstBlockMs: options.wrongCodeBlockMs,
    maxBlockMs: Math.max(options.wrongCodeBlockMs, 3_600_000),
  });
  const verified = new VerifiedSecrets();
  const newCollections = new NewCollectionLimiter(options.newCollectionsPerHour);
  // One code check at a time per collection: twenty documents opened at once pay scrypt once.
  const checking = new Map<string, Promise<unknown>>();

  /** true: the right code; false: a wrong one; 'too-many-new': an unknown collection this address may not create now. */
  async function secretMatches(collectionId: string, secret: string, address: string): Promise<boolean | 'too-many-new'> {
    const before = checking.get(collectionId) ?? Promise.resolve();
    const check = before.then(async () => {
      const known = verified.check(collectionId, secret);
      if (known !== undefined) return known;
      let stored = store.collectionSecretHash(collectionId);
      if (stored === undefined) {
        if (!newCollections.tryCreate(address, Date.now())) return 'too-many-new' as const;
        const hash = await hashSecret(secret);
        stored = store.createCollection(collectionId, hash);
        if (stored === hash) {
          log(`created collection ${shortCollection(collectionId)}`);
          verified.remember(collectionId, secret);
          return true;
        }
      }
      const ok = await verifySecret(secret, stored);
      if (ok) verified.remember(collectionId, secret);
      return ok;
    });
    const settled = check.catch(() => undefined);
    checking.set(collectionId, settled);
    void settled.then(() => { if (checking.get(collectionId) === settled) checking.delete(collectionId); });
    return check;
  }

  const refuse = (context: ConnectionContext, documentName: string, reason: RefusalReason) => {
    const collection = collectionOfDocument(documentName);
    log(`refused #${context.connection} from ${context.address}${collection ? ` collection ${shortCollection(collection)}` : ''}: ${reason}`);
    return refusal(reason);
  };

  const rehearse: Extension = {
    extensionName: 'rehearse-sync',

    async onAuthenticate({ token, documentName, context }: onAuthenticatePayload) {
      const ctx = context as ConnectionContext;
      const now = Date.now();
      if (limiter.blockedFor(ctx.address, now) > 0) throw refuse(ctx, documentName, 'rate-limited');
      const collectionId = collectionOfDocument(documentName);
      if (!collectionId) throw refuse(ctx, documentName, 'bad-document-name');
      const plausible = typeof token === 'string' && token.length >= MIN_SECRET_LENGTH && token.length <= MAX_SECRET_LENGTH;
      const matches = plausible ? await secretMatches(collectionId, token, ctx.address) : false;
      if (matches === 'too-many-new') {
        log(`${ctx.address} created ${options.newCollectionsPerHour} collections within an hour already`);
        throw refuse(ctx, documentName, 'rate-limited');
      }
      if (!matches) {
        const blocked = limiter.recordWrongCode(ctx.address, Date.now(), verified.guessName(collectionId, String(token)));
        if (blocked) log(`blocking ${ctx.address} for ${Math.round(limiter.blockedFor(ctx.address, Date.now()) / 1000)} s after repeated wrong codes`);
        throw refuse(ctx, documentName, 'wrong-code');
      }
      ctx.authenticated.add(documentName);
      return { collectionId };
    },

    async onDisconnect({ documentName, context }: onDisconnectPayload) {
      // Closed (collection-full, or the device left it): its later messages count as unauthenticated again.
      (context as ConnectionContext).authenticated.delete(documentName);
    },

    async afterLoadDocument({ document, documentName }: afterLoadDocumentPayload) {
      const collectionId = collectionOfDocument(documentName)!;
      // Runs inside Hocuspocus's readUpdate / readSyncStep2, before it sends the SyncStatus ack:
      // better-sqlite3 writes synchronously, so an acknowledged update is on disk.
      document.on('update', (update: Uint8Array, origin: unknown) => {
        if (origin === REDIS_ORIGIN || closed) return; // the process that received it has stored it
        try {
          store.append(collectionId, documentName, update);
        } catch (error) {
          log(`could not store an update of collection ${shortCollection(collectionId)}: ${(error as Error).message}`);
          throw refusal('storage-failed');
        }
      });
    },

    beforeHandleMessage({ update: data, document, documentName, context, connection }: beforeHandleMessagePayload) {
      const update = updateOfMessage(data);
      if (!update) return Promise.resolve();
      const collectionId = collectionOfDocument(documentName)!;
      if (store.collectionBytes(collectionId) + update.byteLength <= options.maxCollectionBytes) return Promise.resolve();
      // Over the cap: an update that adds nothing new (a device catching up) still passes.
      if (Y.snapshotContainsUpdate(Y.snapshot(document), update)) return Promise.resolve();
      // Close this document's connection (the client gets a CLOSE message with the reason) and never let
      // the message through. A promise that never settles, rather than a throw: Hocuspocus would log a throw
      // as an exception with a stack, and this is an expected refusal that already has its log line.
      refuse(context as ConnectionContext, documentName, 'collection-full');
      connection.close({ code: 4413, reason: 'collection-full' });
      return new Promise<void>(() => {});
    },
  };

  const database = new Database({
    fetch: async ({ documentName }) => (closed ? null : store.load(documentName)),
    store: async ({ documentName, state }) => {
      if (closed) return;
      store.compact(collectionOfDocument(documentName)!, documentName, state);
    },
  });

  let redis: Redis | undefined;
  if (options.redis) {
    redis = new Redis(redisConfiguration(options.redis));
    for (const client of [redis.pub, redis.sub]) {
      client.on('error', (error: Error) => log(`redis: ${error.message}`));
    }
  }

  const hocuspocus = new Hocuspocus({
    quiet: true,
    extensions: [...(redis ? [redis] : []), database, rehearse],
  });

  if (redis && options.redis) {
    try {
      await waitForRedis(redis, options.redis);
    } catch (error) {
      redis.pub.disconnect(false);
      redis.sub.disconnect(false);
      store.close();
      throw error;
    }
  }

  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxMessageBytes });
  let connections = 0;

  const http = createServer((request, response) => {
    if (request.method === 'GET' && request.url?.split('?')[0] === '/health') {
      response.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end('ok');
      return;
    }
    response.writeHead(426, { 'content-type': 'text/plain; charset=utf-8' })
      .end('This is a Rehearse sync server: connect to it with a WebSocket.\n');
  });

  http.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    wss.handleUpgrade(request, socket, head, (ws: WebSocket) => {
      const context: ConnectionContext = {
        connection: ++connections,
        address: clientAddress(request, options.trustProxy),
        authenticated: new Set(),
      };
      log(`open #${context.connection} from ${context.address}`);
      // Hocuspocus 3.4 queues, without limit, every message for a document the socket has not (or not yet)
      // authenticated; a socket that sends more than two messages' worth of those is closed.
      let unauthenticatedBytes = 0;
      ws.on('message', (data: Buffer) => {
        const name = documentNameOfMessage(data);
        if (name !== undefined && context.authenticated.has(name)) return;
        unauthenticatedBytes += data.byteLength;
        if (unauthenticatedBytes > 2 * options.maxMessageBytes && ws.readyState === ws.OPEN) {
          log(`refused #${context.connection} from ${context.address}: not-authenticated`);
          ws.close(1008, 'not-authenticated');
        }
      });
      // ws closes a socket whose message exceeds maxPayload with code 1009 and no reason: name it.
      const close = ws.close.bind(ws);
      ws.close = (code?: number, reason?: string | Buffer) =>
        close(code, code === 1009 && !reason ? 'message-too-large' : reason);
      ws.on('error', (error: Error & { code?: string }) => {
        if (error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') log(`refused #${context.connection} from ${context.address}: message-too-large`);
        else log(`error #${context.connection}: ${error.message}`);
      });
      ws.on('close', (code: number, reason: Buffer) => {
        log(`close #${context.connection} (${code}${reason.length ? ` ${reason.toString()}` : ''})`);
      });
      hocuspocus.handleConnection(ws, request, context);
    });
  });
  http.on('clientError', (_error, socket) => socket.destroy());

  await new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      http.off('listening', onListening);
      const where = `port ${options.port} on ${options.host}`;
      if (error.code === 'EADDRINUSE') reject(new StartError(`Cannot listen: ${where} is already in use.`));
      else if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND') reject(new StartError(`Cannot listen on ${options.host}: this machine has no such address.`));
      else if (error.code === 'EACCES') reject(new StartError(`Cannot listen: ${where} needs more privileges.`));
      else reject(new StartError(`Cannot listen on ${where} (${error.code ?? error.message}).`));
    };
    const onListening = () => {
      http.off('error', onError);
      resolve();
    };
    http.once('error', onError);
    http.once('listening', onListening);
    http.listen(options.port, options.host);
  }).catch(async (error: unknown) => {
    store.close();
    if (redis) await redis.onDestroy();
    throw error;
  });

  const pruneTimer = setInterval(() => {
    limiter.prune(Date.now());
    newCollections.prune(Date.now());
  }, 60_000);
  pruneTimer.unref();
  const address = http.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;

  return {
    url: `ws://${host}:${port}`,
    port,
    store,
    async close() {
      if (closed) return;
      clearInterval(pruneTimer);
      for (const ws of wss.clients) ws.close(1001, 'server-stopping');
      const stopped = new Promise<void>((resolve) => http.close(() => resolve()));
      http.closeAllConnections();
      const grace = setTimeout(() => { for (const ws of wss.clients) ws.terminate(); }, 500);
      await stopped;
      clearTimeout(grace);
      // Everything acknowledged is on disk already; compacting now only makes the next start faster.
      for (const document of hocuspocus.documents.values()) {
        try {
          store.compact(collectionOfDocument(document.name)!, document.name, Y.encodeStateAsUpdate(document));
        } catch (error) {
          log(`could not compact a document at shutdown: ${(error as Error).message}`);
        }
      }
      closed = true;
      if (redis) await redis.onDestroy();
      store.close();
    },
  };
}
