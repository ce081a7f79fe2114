/**
 * The media of one shown card side: fills its placeholders from the card's deck (cardMedia.ts)
 * once the side is in the page, revokes the object URLs when the side changes or leaves, and
 * plays a sound when its button is pressed (one sound at a time in the app, as in Anki).
 */
import { useEffect, useState, type MouseEvent, type RefObject } from 'react';
import { openAppDatabase } from '../startup.ts';
import type { FilledMedia } from './cardMedia.ts';
import { deckIdAround } from './RemoteImages.tsx';

let playing: HTMLAudioElement | undefined;

/** What `revokeCardMedia` does, without waiting for its module. */
function revokeUrls(media: FilledMedia): void {
  for (const url of media.urls) URL.revokeObjectURL(url);
}

/** Plays `url`, stopping the sound playing before. */
function play(url: string): void {
  playing?.pause();
  const audio = new Audio(url);
  playing = audio;
  audio.play().catch((error: unknown) => console.error('Could not play the sound', error));
}

/** Stops the sound if it is one of `urls` (its card left the screen). */
function stopIfOneOf(urls: readonly string[]): void {
  if (playing && urls.includes(playing.src)) {
    playing.pause();
    playing = undefined;
  }
}

/**
 * The side's HTML with its media filled in (undefined while they are looked up, or when `html`
 * is undefined: a side without media), and the click handler that plays its sounds.
 */
export function useCardMedia(
  html: string | undefined,
  deckId: string | undefined,
  container: RefObject<HTMLElement | null>,
): { html: string | undefined; onClick: (event: MouseEvent) => void } {
  const [filled, setFilled] = useState<{ source: string; media: FilledMedia }>();

  useEffect(() => {
    if (html === undefined) return;
    const deck = deckId ?? deckIdAround(container.current);
    let current = true;
    let made: FilledMedia | undefined;
    // Loaded with the first card that has media: most cards have none.
    const filling = import('./cardMedia.ts');
    Promise.all([openAppDatabase(), filling])
      .then(([db, { fillCardMedia }]) => fillCardMedia(html, deck, db))
      .catch(async (error: unknown) => {
        // Storage could not be read: the side still shows, each file as not found.
        console.error('Could not read the card’s media', error);
        return (await filling).fillMediaPlaceholders(html, new Map());
      })
      .then((media) => {
        if (!current) return revokeUrls(media);
        made = media;
        setFilled({ source: html, media });
      });
    return () => {
      current = false;
      if (made) {
        stopIfOneOf(made.urls);
        revokeUrls(made);
      }
    };
  }, [html, deckId, container]);

  const media = html !== undefined && filled?.source === html ? filled.media : undefined;
  const onClick = (event: MouseEvent) => {
    const button = (event.target as Element | null)?.closest?.('button.card-sound');
    const url = button ? media?.sounds[Number(button.getAttribute('data-sound'))] : undefined;
    if (url === undefined) return;
    // The card's own click (if any) is not for this.
    event.stopPropagation();
    play(url);
  };
  return { html: media?.html, onClick };
}
