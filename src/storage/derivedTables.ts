// Tables derived from others and kept exact by every write: a Dexie DBCore middleware sees each
// mutation of the watched tables, whoever makes it, and updates its own tables in the same
// IndexedDB transaction. The statistics summaries (summaries/) and the search index (search/)
// are built on it.

import { Dexie } from 'dexie';
import type { DBCore, DBCoreMutateRequest, DBCoreMutateResponse, DBCoreTable, DBCoreTransaction, Middleware } from 'dexie';

export interface DerivedTables {
  name: string;
  /** The tables whose writes the derived tables follow. */
  watched: ReadonlySet<string>;
  /** What every readwrite transaction writing a watched table also takes, so no caller has to list them. */
  stores: readonly string[];
  /** A derived table: until the schema has it (older versions, their upgrades), writes pass through. */
  marker: string;
  /** Makes the mutation and keeps the derived tables; every call on `core` runs in the caller's Dexie zone. */
  mutate(core: DBCore, table: DBCoreTable, req: DBCoreMutateRequest): Promise<DBCoreMutateResponse>;
}

type Zoned = <T>(call: () => T) => T;

/** Dexie's zone API, typed here since dexie.d.ts leaves it out. */
const zones = Dexie.Promise as unknown as { PSD: unknown; usePSD<T>(psd: unknown, fn: () => T): T };

/**
 * `core` whose tables' methods each run in `zoned`: after an await, Dexie's own middlewares (its
 * cache reads the zone's transaction) would otherwise see no transaction.
 */
function zonedCore(core: DBCore, zoned: Zoned): DBCore {
  return {
    ...core,
    table(name) {
      const t = core.table(name);
      return {
        ...t,
        mutate: (req) => zoned(() => t.mutate(req)),
        get: (req) => zoned(() => t.get(req)),
        getMany: (req) => zoned(() => t.getMany(req)),
        query: (req) => zoned(() => t.query(req)),
        openCursor: (req) => zoned(() => t.openCursor(req)),
        count: (req) => zoned(() => t.count(req)),
      };
    },
  };
}

export function derivedTablesMiddleware(spec: DerivedTables): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name: spec.name,
    create(down) {
      const declared = () => down.schema.tables.some((t) => t.name === spec.marker);
      // Mutations of one transaction run one after the other: each reads the derived rows the previous one wrote.
      const queues = new WeakMap<DBCoreTransaction, Promise<unknown>>();
      return {
        ...down,
        transaction(stores, mode, options) {
          if (mode === 'readwrite' && stores.some((s) => spec.watched.has(s)) && declared()) {
            stores = [...new Set([...stores, ...spec.stores])];
          }
          return down.transaction(stores, mode, options);
        },
        table(name) {
          const table = down.table(name);
          if (!spec.watched.has(name)) return table;
          return {
            ...table,
            mutate(req) {
              const idb = req.trans as unknown as IDBTransaction;
              // Upgrades build the derived tables from scratch; old versions have none.
              if (idb.mode === 'versionchange' || !idb.objectStoreNames.contains(spec.marker)) return table.mutate(req);
              const psd = zones.PSD;
              const core = zonedCore(down, (call) => zones.usePSD(psd, call));
              const run = () => spec.mutate(core, core.table(name), req);
              const next = (queues.get(req.trans) ?? Promise.resolve()).then(run, run);
              queues.set(req.trans, next);
              return next;
            },
          };
        },
      };
    },
  };
}
