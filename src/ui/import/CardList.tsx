// The import preview's card list: every card of the note, each with a checkbox (unticked cards
// are not imported), windowed so that 10,000 cards cost what twenty do. Closed rows share one
// height (measured from a rendered row, so it follows the user's font size); at most one card
// is open, rendered as it will look in a review, and measured while open. The arithmetic is in
// lib.ts (rowTop, rowAt, visibleRows) and tested there. Written here rather than taken from
// react-window or @tanstack/react-virtual: fixed rows plus one open row is a few lines of
// arithmetic, and neither library would make it shorter or smoother.
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { Card } from '../../core/deck/types.ts';
import { CardContent } from '../render/CardContent.tsx';
import { listHeight, plainLine, rowTop, visibleRows, type RowLayout } from './lib.ts';

/** Until a row is measured (4rem at the default font size). */
const ESTIMATED_ROW_PX = 64;
/** Rows rendered beyond each edge of the box, so Tab and quick scrolls find rows already there. */
const OVERSCAN = 8;

interface Props {
  cards: readonly Card[];
  excluded: ReadonlySet<string>;
  /** The card shown open (rendered), if any. */
  openId: string | undefined;
  onToggle(id: string, ticked: boolean): void;
  onOpen(id: string | undefined): void;
  /** Scroll to the card at `index` and focus its checkbox; `seq` changes at every jump. */
  jump: { index: number; seq: number } | undefined;
  disabled: boolean;
  label: string;
}

export function CardList({ cards, excluded, openId, onToggle, onOpen, jump, disabled, label }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(ESTIMATED_ROW_PX * 8);
  const [rowHeight, setRowHeight] = useState(ESTIMATED_ROW_PX);
  const [openHeight, setOpenHeight] = useState(ESTIMATED_ROW_PX * 4);
  const openIndex = useMemo(() => (openId === undefined ? -1 : cards.findIndex((c) => c.id === openId)), [cards, openId]);
  const layout: RowLayout = { count: cards.length, rowHeight, openIndex, openHeight: openIndex >= 0 ? openHeight : rowHeight };
  const { start, end } = visibleRows(layout, scrollTop, viewport, OVERSCAN);
  const pendingJump = useRef<number | undefined>(undefined);
  // Rows get callbacks that never change, so a scroll re-renders only the rows that move in or out.
  const latest = useRef({ onToggle, onOpen });
  latest.current = { onToggle, onOpen };
  const toggle = useCallback((id: string, ticked: boolean) => latest.current.onToggle(id, ticked), []);
  const open = useCallback((id: string | undefined) => latest.current.onOpen(id), []);
  const [target, setTarget] = useState<number | undefined>(undefined);

  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    const measure = () => setViewport(Math.max(el.clientHeight, ESTIMATED_ROW_PX));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  // Closed rows have a fixed CSS height: measure one after each render (a font-size change moves it).
  useLayoutEffect(() => {
    const row = box.current?.querySelector<HTMLElement>('.card-row:not(.open)');
    if (!row) return;
    const height = row.getBoundingClientRect().height;
    if (height > 0 && Math.abs(height - rowHeight) > 0.5) setRowHeight(height);
  });

  // The open row grows as its HTML arrives: follow its size.
  const openObserver = useRef<ResizeObserver | undefined>(undefined);
  const openRef = useCallback((el: HTMLElement | null) => {
    openObserver.current?.disconnect();
    openObserver.current = undefined;
    if (!el) return;
    const observer = new ResizeObserver(() => {
      const height = el.getBoundingClientRect().height;
      if (height > 0) setOpenHeight(height);
    });
    observer.observe(el);
    openObserver.current = observer;
  }, []);
  useEffect(() => () => openObserver.current?.disconnect(), []);

  useEffect(() => {
    const el = box.current;
    if (!jump || !el) return;
    pendingJump.current = jump.index;
    setTarget(jump.index);
    el.scrollTop = rowTop(layout, jump.index);
    setScrollTop(el.scrollTop);
    // The layout is read as it is now, on purpose: a jump happens once per seq.
  }, [jump?.seq]);

  // Once the jumped-to row is rendered: bring it into view in the page too, and focus it.
  useLayoutEffect(() => {
    const index = pendingJump.current;
    if (index === undefined) return;
    const row = box.current?.querySelector<HTMLElement>(`[data-index="${index}"]`);
    if (!row) return;
    pendingJump.current = undefined;
    row.scrollIntoView({ block: 'nearest' });
    row.querySelector<HTMLInputElement>('input[type="checkbox"]')?.focus({ preventScroll: true });
  });

  const rows = [];
  for (let index = start; index < end; index++) {
    const card = cards[index]!;
    rows.push(
      <Row
        key={card.id}
        card={card}
        index={index}
        count={cards.length}
        top={rowTop(layout, index)}
        ticked={!excluded.has(card.id)}
        open={index === openIndex}
        target={index === target}
        disabled={disabled}
        onToggle={toggle}
        onOpen={open}
        openRef={index === openIndex ? openRef : undefined}
      />,
    );
  }
  return (
    <div className="card-list" ref={box} onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}>
      <div className="card-list-rows" role="list" aria-label={label} style={{ height: listHeight(layout) }}>
        {rows}
      </div>
    </div>
  );
}

interface RowProps {
  card: Card;
  index: number;
  count: number;
  top: number;
  ticked: boolean;
  open: boolean;
  target: boolean;
  disabled: boolean;
  onToggle(id: string, ticked: boolean): void;
  onOpen(id: string | undefined): void;
  openRef: ((el: HTMLElement | null) => void) | undefined;
}

const Row = memo(function Row({ card, index, count, top, ticked, open, target, disabled, onToggle, onOpen, openRef }: RowProps) {
  const number = index + 1;
  const classes = ['card-row', open ? 'open' : '', ticked ? '' : 'excluded', target ? 'target' : ''].filter(Boolean).join(' ');
  return (
    <div
      role="listitem"
      aria-setsize={count}
      aria-posinset={number}
      className={classes}
      style={{ top }}
      data-index={index}
      data-card-id={card.id}
      ref={openRef}
    >
      <div className="card-row-head">
        <input
          type="checkbox"
          checked={ticked}
          disabled={disabled}
          aria-label={`Import card ${number}`}
          onChange={(event) => onToggle(card.id, event.currentTarget.checked)}
        />
        <button type="button" className="card-row-open" aria-expanded={open} onClick={() => onOpen(open ? undefined : card.id)}>
          <span className="card-row-number">{number}</span>
          {open ? (
            <span className="card-row-text">
              <span className="card-row-where muted">
                Line {card.meta.line}
                {card.tags.length > 0 ? ` · ${card.tags.join(' › ')}` : ''}
                {ticked ? '' : ' · not imported'}
              </span>
            </span>
          ) : (
            <span className="card-row-text">
              <span className="card-row-front">{plainLine(card.front)}</span>
              <span className="card-row-back">{plainLine(card.back) || '(no answer text)'}</span>
            </span>
          )}
          <span className="card-row-chevron" aria-hidden="true">
            {open ? '▴' : '▾'}
          </span>
        </button>
      </div>
      {open && (
        <div className="preview-card">
          <div className="card-front">
            <CardContent markdown={card.front} />
          </div>
          <div className="card-back">
            <CardContent markdown={card.back} />
          </div>
        </div>
      )}
    </div>
  );
});
