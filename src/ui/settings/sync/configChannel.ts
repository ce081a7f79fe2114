// Tabs of the app tell each other when this device joins or leaves a collection, so that
// "Leave sync" in one tab stops the bridge in every tab (and joining starts it everywhere).
const NAME = 'rehearse-sync-config';

/** Tells the other tabs that the sync config changed (a tab does not hear its own message). */
export function announceConfigChange(): void {
  if (typeof BroadcastChannel === 'undefined') return;
  const channel = new BroadcastChannel(NAME);
  channel.postMessage('changed');
  channel.close();
}

/** Calls `listener` when another tab changed the sync config; returns the unsubscribe. */
export function onConfigChange(listener: () => void): () => void {
  if (typeof BroadcastChannel === 'undefined') return () => {};
  const channel = new BroadcastChannel(NAME);
  channel.onmessage = () => listener();
  return () => channel.close();
}
