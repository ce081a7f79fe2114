// What sits right under a question heading: the answer, even when it starts like a question, and
// never a sub-heading that only says "Answer".
import { describe, expect, it } from 'vitest';
import { autoCut } from '../../../../src/core/formats/cuts.ts';

describe('right under a question heading', () => {
  it('a single line that starts like a question is the answer, not the rest of the question', () => {
    const text = '# Databases\n\n### When would you denormalise?\nWhen read patterns need joins that are too slow.\n### What is a covering index?\nAn index holding every column a query needs.\n';
    expect(autoCut(text).cards.map((c) => [c.front, c.back])).toEqual([
      ['When would you denormalise?', 'When read patterns need joins that are too slow.'],
      ['What is a covering index?', 'An index holding every column a query needs.'],
    ]);
  });

  it('a line that finishes the question, with an answer after it, still joins the question', () => {
    const text = '# Q\n\n## What is a closure?\nGive an example.\n\nA function with its lexical scope: `() => n++`.\n\n## What is hoisting?\nDeclarations move to the top of their scope.\n';
    expect(autoCut(text).cards[0]).toMatchObject({ front: 'What is a closure? Give an example.', back: 'A function with its lexical scope: `() => n++`.' });
  });

  it('an "Answer" sub-heading is left out of the back', () => {
    const text = '# Q\n\n## What is a mutex?\n\n### Answer\n\nA lock only its owner releases.\n\n## What is a semaphore?\n#### **Solution:**\nA counter of permits.\n';
    expect(autoCut(text).cards.map((c) => [c.front, c.back])).toEqual([
      ['What is a mutex?', 'A lock only its owner releases.'],
      ['What is a semaphore?', 'A counter of permits.'],
    ]);
  });
});
