// A glossary of bold terms with their definitions on the same line: cut into term → definition
// cards only when no other layout finds questions, and only when the entries are most of the note.
import { describe, expect, it } from 'vitest';
import { autoCut } from '../../../src/core/formats/cuts.ts';
import { glossaryFormat } from '../../../src/core/formats/glossary.ts';

const cut = (text: string) => autoCut(text);

describe('a glossary of bold terms', () => {
  it('reads every separator people use: dash, en dash, hyphen, a colon after or inside the bold, in lists too', () => {
    const text = [
      '# Operating systems',
      '',
      '**Process vs thread** — a process owns its address space; threads share it.',
      '',
      '**Context switch** – saving one task’s registers and loading another’s.',
      '',
      '**Page fault** - an access to a page not in memory.',
      '',
      '## Memory',
      '',
      '- **TLB:** a cache of recent address translations.',
      '- __Swap__: disk space that backs memory pages.',
      '1. **Thrashing**: more time spent paging than working.',
    ].join('\n');
    const result = cut(text);
    expect(result.layout?.name).toBe('glossary');
    expect(result.cards.map((c) => [c.front, c.back, c.line, c.section])).toEqual([
      ['Process vs thread', 'a process owns its address space; threads share it.', 3, ['Operating systems']],
      ['Context switch', 'saving one task’s registers and loading another’s.', 5, ['Operating systems']],
      ['Page fault', 'an access to a page not in memory.', 7, ['Operating systems']],
      ['TLB', 'a cache of recent address translations.', 11, ['Operating systems', 'Memory']],
      ['Swap', 'disk space that backs memory pages.', 12, ['Operating systems', 'Memory']],
      ['Thrashing', 'more time spent paging than working.', 13, ['Operating systems', 'Memory']],
    ]);
  });

  it('keeps a definition that wraps onto more lines, and a list indented under it', () => {
    const text = [
      '**Mutex** — a lock only its holder',
      'may release.',
      '',
      '**Semaphore** — a counter of permits:',
      '',
      '  - `wait` takes one',
      '  - `signal` gives one back',
      '',
      '**Deadlock** — tasks each waiting on a lock another holds.',
    ].join('\n');
    const cards = cut(text).cards;
    expect(cards.map((c) => c.front)).toEqual(['Mutex', 'Semaphore', 'Deadlock']);
    expect(cards[0]!.back).toBe('a lock only its holder\nmay release.');
    expect(cards[1]!.back).toBe('a counter of permits:\n\n  - `wait` takes one\n  - `signal` gives one back');
  });

  it('leaves bold terms inside the answers of a question note to those answers', () => {
    const text = [
      '## What is Big O notation?',
      '',
      '**Big O** — an upper bound on growth.',
      '',
      '## What is amortized cost?',
      '',
      '**Amortized** — the average cost per operation over a sequence.',
      '',
      '**Example** — a dynamic array doubling its capacity.',
    ].join('\n');
    const result = cut(text);
    expect(result.layout?.name).toBe('markdown');
    expect(result.cards.map((c) => c.front)).toEqual(['What is Big O notation?', 'What is amortized cost?']);
  });

  it('is not a glossary when bold lead-ins are few, or a minority of the paragraphs, or bold sentences', () => {
    const prose = (n: number) => Array.from({ length: n }, (_, i) => `Plain paragraph ${i} about the week.`);
    const few = ['**Monday** — gym.', '', '**Tuesday** — rest.', '', ...prose(1)].join('\n');
    const minority = [
      '**Monday** — gym.', '', '**Tuesday** — rest.', '', '**Wednesday** — run.', '',
      ...prose(8).flatMap((p) => [p, '']),
    ].join('\n');
    const sentences = ['**This is important.** — read it.', '', '**Do not skip this!** — really.', '', '**Last one, promise,** — ok.'].join('\n');
    for (const text of [few, minority, sentences]) {
      expect(glossaryFormat.detect(text)).toBe(0);
      expect(glossaryFormat.parse(text).cards).toEqual([]);
    }
  });
});

describe('a definition list', () => {
  it('reads each term with its definitions, a blank line between them or not, `:` or `~`', () => {
    const text = [
      '# Networking terms',
      '',
      'TCP',
      ': A connection-oriented protocol with ordered, reliable delivery.',
      '',
      'UDP',
      '',
      ':   A connectionless protocol: no handshake, no ordering.',
      '',
      ': Used by DNS and QUIC.',
      '',
      'Head-of-line blocking',
      '~ One lost packet holds up every packet behind it',
      '  on the same stream.',
    ].join('\n');
    const result = autoCut(text);
    expect(result.layout?.name).toBe('glossary');
    expect(result.cards.map((c) => [c.front, c.back, c.line])).toEqual([
      ['TCP', 'A connection-oriented protocol with ordered, reliable delivery.', 3],
      ['UDP', 'A connectionless protocol: no handshake, no ordering.\n\nUsed by DNS and QUIC.', 6],
      ['Head-of-line blocking', 'One lost packet holds up every packet behind it\n  on the same stream.', 12],
    ]);
  });

  it('is not seen in prose where a line happens to start with a colon once', () => {
    const text = 'Some words.\n: an aside\n\nMore words here.\n\nAnd a third paragraph.\n\nA fourth one.\n';
    expect(autoCut(text).layout?.name).not.toBe('glossary');
  });
});
