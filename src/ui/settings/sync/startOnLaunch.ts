// Sync starts with the app when this device is set up for it, and follows the other tabs when
// they join or leave a collection. The bridge (Yjs, Hocuspocus) is loaded only when needed,
// after the first screen, and nothing waits for it.
import type { RehearseDb } from '../../../storage/index.ts';
import { getSyncConfig } from '../../../storage/syncStore.ts';
import { onConfigChange } from './configChannel.ts';

/** Starts the bridge when a sync config is saved; resolves once it is started (or not needed). */
export async function startSyncOnLaunch(db: RehearseDb): Promise<void> {
  onConfigChange(() => {
    import('./realBackend.ts')
      .then(({ syncControllerFor }) => syncControllerFor(db).refresh())
      .catch((error: unknown) => console.error('Sync could not follow another tab', error));
  });
  if (!(await getSyncConfig(db))) return;
  const { syncControllerFor } = await import('./realBackend.ts');
  await syncControllerFor(db).load();
}
