// Settings → Sync as the Settings screen mounts it: the section over the app's own controller.
import type { RehearseDb } from '../../../storage/index.ts';
import { syncControllerFor } from './realBackend.ts';
import { SyncSection } from './SyncSection.tsx';

export function SyncSettings({ db, onError }: { db: RehearseDb; onError(error: unknown): void }) {
  return <SyncSection controller={syncControllerFor(db)} onError={onError} />;
}
