// The search index's tables (schema version 5 and later), declared by the RehearseDb constructor.
// Empty until the persisted search index lands.

import type { Dexie } from 'dexie';

export function declareSearchSchema(_db: Dexie): void {}
