// Notes shared to the installed app from the phone's share sheet. The manifest's share_target
// posts them to `share-target`; the service worker (public/share-target-sw.js) keeps the files
// and text in Cache Storage and redirects to #/import?shared=1, where they are taken from there.

/** Cache the service worker writes shared notes into; entries are deleted once taken. */
export const SHARE_CACHE = 'rehearse-share-target';

export interface SharedText {
  name: string;
  text: string;
}

/** Title, text and url of a share as one note; undefined when nothing was shared. */
export function textFromShareParams(params: URLSearchParams): SharedText | undefined {
  const title = params.get('title')?.trim() ?? '';
  const text = params.get('text')?.trim() ?? '';
  const url = params.get('url')?.trim() ?? '';
  const body = [text, url && !text.includes(url) ? url : ''].filter(Boolean).join('\n\n');
  if (body === '') return undefined;
  const firstLine = body.split('\n', 1)[0]!.replace(/^#+\s*/, '').slice(0, 60).trim();
  return { name: title || firstLine || 'Shared note', text: body };
}

/** Files and text waiting in the share cache; they are removed as they are taken. */
export async function takeSharedNotes(): Promise<{ files: File[]; text: SharedText | undefined }> {
  if (typeof caches === 'undefined') return { files: [], text: undefined };
  const cache = await caches.open(SHARE_CACHE);
  const files: File[] = [];
  let text: SharedText | undefined;
  for (const request of await cache.keys()) {
    const response = await cache.match(request);
    await cache.delete(request);
    if (!response) continue;
    if (new URL(request.url).pathname.endsWith('/text')) {
      text = textFromShareParams(new URLSearchParams(await response.text()));
      continue;
    }
    const name = decodeURIComponent(response.headers.get('X-File-Name') ?? 'shared.txt');
    const blob = await response.blob();
    files.push(new File([blob], name, { type: blob.type }));
  }
  return { files, text };
}
