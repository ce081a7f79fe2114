// Sync starts with the app when this device is set up for it. The bridge (Yjs, Hocuspocus) is
// loaded only then, after the first screen, and nothing waits for it.
import type { RehearseDb } from '../../../storage/index.ts';
import { getSyncConfig } from '../../../storage/syncStore.ts';

/** Starts the bridge when a sync config is saved; resolves once it is started (or not needed). */
export async function startSyncOnLaunch(db: RehearseDb): Promise<void> {
  if (!(await getSyncConfig(db))) return;
  const { syncControllerFor } = await import('./realBackend.ts');
  await syncControllerFor(db).load();
}
