/**
 * The remote-images control of a card side: images of other sites arrive from the renderer as
 * placeholders (`.card-img-remote`, their alt text, the address in `data-remote-src`), so nothing
 * is fetched until the user allows remote images for the card's deck. Then they become images,
 * fetched without a Referer, on every card of it.
 */
import { useEffect, useState, type RefObject } from 'react';
import { allowRemoteImages, remoteImagesPermission } from '../../storage/remoteImages.ts';

/** Decks allowed in this page, and the sides waiting to hear of it. */
const allowedDecks = new Set<string>();
const listeners = new Set<(deckId: string) => void>();

type State = 'checking' | 'blocked' | 'allowed' | 'unsaved';

/** Props of {@link RemoteImages}. */
export interface RemoteImagesProps {
  /** The element whose `.card-img-remote` placeholders wait for permission. */
  container: RefObject<HTMLElement | null>;
  /** The side's HTML (images are looked up again when it changes). */
  html: string;
  /** The card's deck; without it, read from the enclosing `[data-card-id]`. */
  deckId?: string;
}

/** "Remote images are blocked — Show images from this deck", or nothing once they are allowed. */
export function RemoteImages({ container, html, deckId: givenDeckId }: RemoteImagesProps) {
  const [deckId, setDeckId] = useState(givenDeckId);
  const [state, setState] = useState<State>('checking');

  useEffect(() => {
    const found = givenDeckId ?? deckIdAround(container.current);
    setDeckId(found);
    if (found === undefined) {
      setState('unsaved');
      return;
    }
    let current = true;
    const onAllowed = (allowed: string) => {
      if (allowed === found && current) setState('allowed');
    };
    listeners.add(onAllowed);
    if (allowedDecks.has(found)) setState('allowed');
    else {
      remoteImagesPermission(found).then(
        (permission) => {
          if (!current) return;
          if (permission === 'allowed') allowedDecks.add(found);
          setState(permission === 'no-deck' ? 'unsaved' : permission);
        },
        () => current && setState('blocked'),
      );
    }
    return () => {
      current = false;
      listeners.delete(onAllowed);
    };
  }, [container, givenDeckId, html]);

  useEffect(() => {
    if (state === 'allowed' && container.current) loadRemoteImages(container.current);
  }, [state, container, html]);

  if (state === 'allowed' || state === 'checking') return null;
  const allow = () => {
    if (deckId === undefined) return;
    allowRemoteImages(deckId).then(
      (saved) => {
        if (!saved) return setState('unsaved');
        allowedDecks.add(deckId);
        for (const listener of listeners) listener(deckId);
      },
      () => setState('unsaved'),
    );
  };
  return (
    <p className="card-remote-images" role="note">
      <span>Remote images are blocked.</span>{' '}
      {state === 'blocked' ? (
        <button type="button" className="card-remote-images-allow" onClick={allow}>
          Show images from this deck
        </button>
      ) : (
        <span>They can be allowed for the deck once it is saved.</span>
      )}
    </p>
  );
}

/** The deck of the card around `element`: card ids are `<deck id>/<question hash>`. */
export function deckIdAround(element: HTMLElement | null): string | undefined {
  const cardId = element?.closest('[data-card-id]')?.getAttribute('data-card-id');
  if (!cardId) return undefined;
  const slash = cardId.lastIndexOf('/');
  return slash > 0 ? cardId.slice(0, slash) : undefined;
}

/** Turn each held-back image's placeholder into the image, fetched without a Referer. */
function loadRemoteImages(root: HTMLElement): void {
  for (const held of root.querySelectorAll<HTMLElement>('.card-img-remote[data-remote-src]')) {
    const image = document.createElement('img');
    image.referrerPolicy = 'no-referrer';
    image.loading = 'lazy';
    image.decoding = 'async';
    image.alt = held.dataset.alt ?? '';
    if (held.title) image.title = held.title;
    image.src = held.dataset.remoteSrc ?? '';
    held.replaceWith(image);
  }
}
