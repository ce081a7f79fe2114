// Persistent storage keeps the browser from evicting the cards under storage pressure.
// Asked once, at the first review (browsers grant it more readily after engagement).

export async function requestPersistentStorage(): Promise<boolean | undefined> {
  if (!navigator.storage?.persist) return undefined;
  try {
    if (await navigator.storage.persisted()) return true;
    return await navigator.storage.persist();
  } catch {
    return undefined;
  }
}

export interface StorageStatus {
  persisted: boolean | undefined;
  usage: number | undefined;
  quota: number | undefined;
}

export async function storageStatus(): Promise<StorageStatus> {
  const storage = navigator.storage;
  const [persisted, estimate] = await Promise.all([
    storage?.persisted?.().catch(() => undefined),
    storage?.estimate?.().catch(() => undefined),
  ]);
  return { persisted, usage: estimate?.usage, quota: estimate?.quota };
}
