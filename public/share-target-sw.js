// Share target (imported into the Workbox service worker by vite.config.ts): the phone's share
// sheet POSTs notes to ./share-target (manifest `share_target`). The files and text are kept in
// Cache Storage ('rehearse-share-target', read and emptied by src/ui/import/shared.ts) and the
// app opens at #/import?shared=1. Workbox routes only GET requests, so this POST is ours alone.
/* eslint-env serviceworker */
self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'POST' || !url.pathname.endsWith('/share-target')) return;
  event.respondWith(
    (async () => {
      const target = new URL('./#/import?shared=1', self.registration.scope).href;
      try {
        const form = await event.request.formData();
        const cache = await caches.open('rehearse-share-target');
        const base = new URL('./share-target/', self.registration.scope).href;
        const stamp = Date.now();
        let n = 0;
        for (const file of form.getAll('notes')) {
          if (typeof file === 'string' || file.size === 0) continue;
          const headers = { 'Content-Type': file.type || 'text/plain', 'X-File-Name': encodeURIComponent(file.name || 'shared.txt') };
          await cache.put(`${base}${stamp}-${n++}`, new Response(file, { headers }));
        }
        const text = new URLSearchParams();
        for (const key of ['title', 'text', 'url']) {
          const value = form.get(key);
          if (typeof value === 'string' && value.trim() !== '') text.set(key, value);
        }
        if (text.has('text') || text.has('url')) await cache.put(`${base}${stamp}/text`, new Response(text.toString()));
      } catch (error) {
        console.error('Rehearse could not keep the shared notes', error);
      }
      return Response.redirect(target, 303);
    })(),
  );
});
