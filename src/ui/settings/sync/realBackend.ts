// The real backend of Settings → Sync: storage's sync config and the bridge over Hocuspocus.
// One controller per database, shared by the start at launch and the Settings screen.
import type { RehearseDb } from '../../../storage/index.ts';
import * as syncStore from '../../../storage/syncStore.ts';
import { startSync } from '../../../sync/bridge.ts';
import { hocuspocusConnect } from '../../../sync/hocuspocusConnect.ts';
import { browserTriggers } from '../../../sync/triggers.ts';
import { announceConfigChange } from './configChannel.ts';
import { SyncController } from './controller.ts';

const controllers = new WeakMap<RehearseDb, SyncController>();

/** The app's sync controller for `db`. */
export function syncControllerFor(db: RehearseDb): SyncController {
  let controller = controllers.get(db);
  if (!controller) {
    controller = new SyncController({
      getConfig: () => syncStore.getSyncConfig(db),
      setConfig: async (config) => {
        await syncStore.setSyncConfig(db, config);
        announceConfigChange();
      },
      // The bridge reads the config from storage itself (saved just before).
      start: () => startSync({ db, store: syncStore, connect: hocuspocusConnect(), watch: browserTriggers(db) }),
    });
    controllers.set(db, controller);
  }
  return controller;
}
