import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { critiqueFormat } from '../../../src/core/formats/critique.ts';

const fixture = (name: string) =>
  readFileSync(fileURLToPath(new URL(`../../fixtures/notes/critique/${name}`, import.meta.url)), 'utf8');
// The other layouts: the notes in decks/ (the same bytes as ../shared/notes, which is not always there).
const deckNote = (name: string) => readFileSync(fileURLToPath(new URL(`../../../decks/${name}`, import.meta.url)), 'utf8');

describe('critiqueFormat on a mock-interview review', () => {
  const text = fixture('backend-mock-review.txt');
  const { cards, warnings } = critiqueFormat.parse(text);

  it('is detected with high confidence', () => {
    expect(critiqueFormat.detect(text)).toBeGreaterThanOrEqual(0.8);
  });

  it('makes one inferred card per quoted model answer, and nothing else', () => {
    expect(cards).toHaveLength(3);
    expect(cards.map((c) => [c.line, c.frontInferred, c.section])).toEqual([
      [8, true, ['Review — Question by Question']],
      [13, true, ['Review — Question by Question']],
      [16, true, ['Review — Question by Question']],
    ]);
  });

  it('takes the back without its wrapping quotes, straight or curly, and without the verdict after it', () => {
    expect(cards[0]!.back.startsWith('I would start from the load:')).toBe(true);
    expect(cards[0]!.back.endsWith('so no single box takes the service down.')).toBe(true);
    expect(cards[1]!.back.startsWith('CAP says that')).toBe(true);
    expect(cards[1]!.back.endsWith('latency versus consistency.')).toBe(true);
    expect(cards.some((c) => c.back.includes('Clear, sized and redundant'))).toBe(false);
  });

  it('keeps a model answer that wraps onto a second line whole', () => {
    expect(cards[2]!.back).toBe(
      'Make every charge request carry an idempotency key. The server records the key with the outcome in the same transaction as the charge,\n' +
        'and a retry with the same key returns the stored outcome instead of charging again.',
    );
  });

  it('infers the question from the block: a quoted question first, else the salient topic', () => {
    expect(cards[2]!.front).toBe('How do you make a payment API safe to retry?');
    expect(cards[1]!.front).toBe('How would you explain the CAP theorem?');
    expect(cards[0]!.front).toBe('How would you explain the load balancer?');
  });

  it('warns about critique notes that have no model answer', () => {
    expect(warnings).toEqual([expect.objectContaining({ line: 19, ruleId: 'no-model-answer' })]);
  });
});

describe('critiqueFormat front inference', () => {
  const block = (assessment: string, answer: string) => critiqueFormat.parse(`${assessment}\n- Gap one. More words.\n"${answer}"`).cards[0]!;

  it('asks for a self-introduction when the answer introduces the speaker', () => {
    const card = block('Good opener, but long.', "I'm a backend engineer with 8 years of experience, mostly on payments, and I like owning systems end to end.");
    expect(card.front).toBe('Tell me about yourself.');
  });

  it('names a trade-off from two terms written side by side', () => {
    const card = block(
      'You knew precision and recall but not the trade-off between them.',
      'Precision vs. recall is a trade-off: raising the threshold raises precision and lowers recall, so pick the threshold by the cost of each error.',
    );
    expect(card.front).toBe('How would you explain the precision–recall trade-off?');
  });

  it('spells out an acronym the block spells out', () => {
    const card = block(
      'The LSM tree part was vague.',
      'An LSM tree, a log-structured merge tree, buffers writes in memory and flushes sorted runs that are merged in the background.',
    );
    expect(card.front).toBe('How would you explain the log-structured merge (LSM)?');
  });

  it('never leaves the front empty', () => {
    const card = block('Hm.', 'Yes, it is so, and it was always so, and it will be so again for a while yet.');
    expect(card.front.trim()).not.toBe('');
  });
});

describe('critiqueFormat.detect', () => {
  it('stays low on a transcript whose answers are quoted after speaker labels', () => {
    const text = [
      'Interviewer: Tell me about yourself.',
      'Candidate: "I am an engineer with ten years of experience in payments and platform work at two companies."',
      'Interviewer: Why Kafka?',
      'Candidate: "Because we needed a durable log that many consumers could replay at their own pace, independently."',
      '- note: strong',
      '- note: ok',
    ].join('\n');
    expect(critiqueFormat.detect(text)).toBeLessThanOrEqual(0.2);
  });

  it('stays low on a markdown note with headings and quotes', () => {
    const text = [
      '# Quotes',
      '## Knuth',
      '"Premature optimization is the root of all evil, or at least most of it, in programming they say."',
      '- Context. From a 1974 paper.',
      '## Dijkstra',
      '"Simplicity is prerequisite for reliability, and that holds for every system we have ever built here."',
      '- Context. From EWD498.',
    ].join('\n');
    expect(critiqueFormat.detect(text)).toBeLessThanOrEqual(0.2);
  });

  const others = ['ai-recruiter-interview-transcript.txt', 'technical-answers-by-quality.txt', 'ml-interview-prep-notes.md', 'genai-interview-questions.txt'];
  it('stays low on the other layouts in decks/', () => {
    for (const name of others) {
      expect(critiqueFormat.detect(deckNote(name)), name).toBeLessThanOrEqual(0.2);
    }
  });
});

describe('critiqueFormat never throws', () => {
  it('on empty and odd text', () => {
    for (const text of ['', '"', '""', '" "', '- ', '“unclosed', '"a"\n"b"', '```\n"x"\n```']) {
      expect(() => critiqueFormat.parse(text)).not.toThrow();
      expect(() => critiqueFormat.detect(text)).not.toThrow();
    }
  });

  it('on arbitrary line soups, and every card it makes has a front and a back', () => {
    const line = fc.oneof(
      fc.constantFrom('', 'Title Line', '- Lead. Explanation here.', '"', '```'),
      fc.string({ maxLength: 60 }).map((s) => `"${s}"`),
      fc.array(fc.constantFrom('word', 'FFN', 'trade-off', 'I’m', 'years', '?', 'bias', '+'), { maxLength: 20 }).map(
        (ws) => `"${ws.join(' ')}."`,
      ),
      fc.string({ maxLength: 40 }),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 30 }), (lines) => {
        const { cards } = critiqueFormat.parse(lines.join('\n'));
        for (const card of cards) {
          expect(card.front.trim()).not.toBe('');
          expect(card.back.trim()).not.toBe('');
        }
      }),
    );
  });
});
