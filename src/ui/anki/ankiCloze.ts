// Which Rehearse cards become which Anki notes. A basic card is a note of its own. A cloze card
// is one Anki card: a cloze written in a note (`==a== … ==b==`) hides all its gaps at once, so
// they all become `c1` (one Anki card, as Anki shows several gaps of one number together); the
// cards read from one Anki cloze note (one card per gap, each showing its own `{{cN::…}}` and the
// other gaps as text) become that note again, with card ord N − 1 for each. Anki makes a card for
// every cloze number in a note (rslib/src/notetype/cardgen.rs `new_cards_required_cloze`), so the
// numbers written are exactly the cards exported, each with its own schedule.

import type { StoredCard } from '../../storage/db.ts';

/** One Anki note: its cards (each Rehearse card with its Anki template ord) and, for a cloze, its text. */
export interface NotePlan {
  cards: Array<{ card: StoredCard; ord: number }>;
  /** Of a cloze note: the Text field as markdown with its gaps as `{{cN::…}}`. */
  clozeText?: string;
}

interface Gap {
  start: number;
  end: number;
  /** Absent for a highlight `==…==`. */
  number?: number;
  hint?: string;
}

const GAP = /\{\{c(\d+)::([\s\S]*?)(?:::([\s\S]*?))?\}\}|==(?!=)(.+?)==/g;

/** The text with its gap marks taken out, and where each gap was in it. */
function parseGaps(markdown: string): { plain: string; gaps: Gap[] } {
  let plain = '';
  let from = 0;
  const gaps: Gap[] = [];
  for (const m of markdown.matchAll(GAP)) {
    plain += markdown.slice(from, m.index);
    const hidden = m[2] ?? m[4] ?? '';
    gaps.push({ start: plain.length, end: plain.length + hidden.length, ...(m[1] ? { number: Number(m[1]) } : {}), ...(m[3] !== undefined ? { hint: m[3] } : {}) });
    plain += hidden;
    from = m.index + m[0].length;
  }
  return { plain: plain + markdown.slice(from), gaps };
}

function withGaps(plain: string, gaps: readonly Gap[], numberOf: (gap: Gap) => number): string {
  let out = '';
  let from = 0;
  for (const gap of [...gaps].sort((a, b) => a.start - b.start)) {
    out += `${plain.slice(from, gap.start)}{{c${numberOf(gap)}::${plain.slice(gap.start, gap.end)}${gap.hint !== undefined ? `::${gap.hint}` : ''}}}`;
    from = gap.end;
  }
  return out + plain.slice(from);
}

const overlaps = (a: Gap, b: Gap) => a.start < b.end && b.start < a.end;

/** The notes of an export, in the order of their first cards. */
export function planNotes(cards: readonly StoredCard[]): NotePlan[] {
  const plans: NotePlan[] = [];
  // Notes read back from Anki, by their text without gap marks.
  const open = new Map<string, { plan: NotePlan; plain: string; gaps: Gap[] }>();
  for (const card of cards) {
    if (card.kind !== 'cloze') {
      plans.push({ cards: [{ card, ord: 0 }] });
      continue;
    }
    const { plain, gaps } = parseGaps(card.front);
    const numbers = new Set(gaps.map((g) => g.number));
    const number = numbers.size === 1 ? [...numbers][0] : undefined;
    if (number === undefined) {
      // Several gaps shown at once (or none): one card, every gap c1.
      plans.push({ cards: [{ card, ord: 0 }], clozeText: withGaps(plain, gaps, () => 1) });
      continue;
    }
    const note = open.get(plain);
    const fits = note && !note.gaps.some((g) => g.number === number) && !note.gaps.some((g) => gaps.some((own) => overlaps(g, own)));
    if (note && fits) {
      note.gaps.push(...gaps);
      note.plan.cards.push({ card, ord: number - 1 });
      continue;
    }
    const plan: NotePlan = { cards: [{ card, ord: number - 1 }] };
    plans.push(plan);
    if (!note) open.set(plain, { plan, plain, gaps: [...gaps] });
    else plan.clozeText = withGaps(plain, gaps, (g) => g.number!);
  }
  for (const { plan, plain, gaps } of open.values()) {
    plan.clozeText = withGaps(plain, gaps, (g) => g.number!);
    plan.cards.sort((a, b) => a.ord - b.ord);
  }
  return plans;
}
