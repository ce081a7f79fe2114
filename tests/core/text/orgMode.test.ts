// Org-mode notes read as the markdown they mean, line for line; markdown is left alone.
import { describe, expect, it } from 'vitest';
import { deckFromNote } from '../../../src/core/deck/deckFromNote.ts';
import { isOrgText, orgToMarkdown } from '../../../src/core/text/orgMode.ts';

const DRILL = [
  '#+TITLE: Algorithms drill',
  '#+STARTUP: overview',
  '',
  '* Sorting                                                :sorting:',
  '** What is the worst case of quicksort?                   :drill:',
  '   :PROPERTIES:',
  '   :ID:       5f1c2a',
  '   :END:',
  '*** Answer',
  'O(n^2), when the pivot is always the smallest or largest element.',
  '** Why is merge sort stable?',
  'Equal elements keep their order: the merge takes from the left run first.',
  '#+BEGIN_SRC python',
  'def merge(a, b): ...',
  '#+END_SRC',
  '* Graphs',
  '** TODO [#A] When does Dijkstra fail?',
  'With negative edge weights: a settled node could later get a shorter path.',
  '** What does =BFS= find in an unweighted graph?',
  'The shortest paths from the source, counted in ~edges~.',
].join('\n');

describe('org-mode notes', () => {
  it('turn headlines into headings, keywords into the title, blocks into fences, line for line', () => {
    const markdown = orgToMarkdown(DRILL);
    expect(markdown.split('\n')).toHaveLength(DRILL.split('\n').length);
    expect(markdown.split('\n').slice(0, 16)).toEqual([
      '# Algorithms drill',
      '',
      '',
      '# Sorting',
      '## What is the worst case of quicksort?',
      '',
      '',
      '',
      '### Answer',
      'O(n^2), when the pivot is always the smallest or largest element.',
      '## Why is merge sort stable?',
      'Equal elements keep their order: the merge takes from the left run first.',
      '```python',
      'def merge(a, b): ...',
      '```',
      '# Graphs',
    ]);
    expect(markdown).toContain('## When does Dijkstra fail?');
    expect(markdown).toContain('## What does `BFS` find in an unweighted graph?');
    expect(markdown).toContain('counted in `edges`.');
  });

  it('become cards with their sections as tags, the Answer sub-heading left out', () => {
    const deck = deckFromNote({ fileName: 'drill.org', text: DRILL });
    expect(deck.title).toBe('Algorithms drill');
    expect(deck.cards.map((c) => [c.front, c.back.split('\n')[0], c.tags, c.meta.line])).toEqual([
      ['What is the worst case of quicksort?', 'O(n^2), when the pivot is always the smallest or largest element.', ['Sorting'], 5],
      ['Why is merge sort stable?', 'Equal elements keep their order: the merge takes from the left run first.', ['Sorting'], 11],
      ['When does Dijkstra fail?', 'With negative edge weights: a settled node could later get a shorter path.', ['Graphs'], 17],
      ['What does `BFS` find in an unweighted graph?', 'The shortest paths from the source, counted in `edges`.', ['Graphs'], 19],
    ]);
  });

  it('are told from markdown: bullets with one star, bold lead-ins and markdown headings stay markdown', () => {
    const bullets = '* first item\n* second item\n**Bold** lead-in.\n';
    expect(isOrgText(bullets)).toBe(false);
    expect(orgToMarkdown(bullets)).toBe(bullets);
    const mixed = '# Title\n\n** not a headline in markdown\n* item\n';
    expect(isOrgText(mixed)).toBe(false);
    expect(isOrgText('* One\n* Two\n#+TITLE: x\n')).toBe(true);
    expect(isOrgText('* One\n** Two\n')).toBe(true);
  });
});
