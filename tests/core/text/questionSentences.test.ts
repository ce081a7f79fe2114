import { describe, expect, it } from 'vitest';
import {
  backReferences,
  balanceEmphasis,
  isAsking,
  questionFromTurn,
  sentenceRole,
  splitSentences,
  stripLeadIn,
  unwrapSpokenQuotes,
} from '../../../src/core/text/questionSentences.ts';

describe('splitSentences', () => {
  it('splits on closing punctuation and keeps offsets into the text', () => {
    const text = 'Thanks, Ana. How did you shard it?  Walk me through it.';
    const sentences = splitSentences(text);
    expect(sentences.map((s) => s.text)).toEqual(['Thanks, Ana.', 'How did you shard it?', 'Walk me through it.']);
    for (const s of sentences) expect(text.slice(s.start, s.end)).toBe(s.text);
  });

  it('does not split after titles, initials, "Inc." before a lower-case word, or "e.g."', () => {
    const text = 'That was clear, Dr. Foster. Your work at BigTech Inc. leading J. Smith’s team (e.g. the ETL) stood out.';
    expect(splitSentences(text).map((s) => s.text)).toEqual([
      'That was clear, Dr. Foster.',
      'Your work at BigTech Inc. leading J. Smith’s team (e.g. the ETL) stood out.',
    ]);
  });

  it('splits after a quote that closes a sentence', () => {
    expect(splitSentences('You "helped with scripts." Which ones?').map((s) => s.text)).toEqual([
      'You "helped with scripts."',
      'Which ones?',
    ]);
  });

  it('keeps a hard-wrapped sentence whole but breaks at paragraphs and list items', () => {
    const text = 'Could you explain how the\nplanner picks an index?\n\n- first point\n- second point';
    expect(splitSentences(text).map((s) => s.text)).toEqual([
      'Could you explain how the\nplanner picks an index?',
      '- first point',
      '- second point',
    ]);
  });

  it('splits on full-width question marks without a space after them', () => {
    expect(splitSentences('谢谢。你如何设计缓存？请举例。').map((s) => s.text)).toEqual(['谢谢。', '你如何设计缓存？', '请举例。']);
  });
});

describe('sentenceRole', () => {
  it.each([
    ['Thanks, Jane.', 'ack'],
    ['**Michael**, thank you for the introduction.', 'ack'],
    ["You're correct that lists are mutable.", 'ack'],
    ['Hi there!', 'ack'],
    ["That's a very thorough explanation, Dr. Foster.", 'praise'],
    ['It sounds like you enjoy debugging.', 'praise'],
    ["Now, let's move on to some technical questions.", 'transition'],
    ["Let's move on to another important area.", 'transition'],
    ['This leads us to our next question:', 'lead-in'],
    ['Explain the difference between SARSA and Q-learning.', 'ask'],
    ['Walk me through your last incident.', 'ask'],
    ['How would you shard this table?', 'ask'],
    ['Think about performance and data integrity.', 'hint'],
    ['The job description emphasizes Kubernetes.', 'statement'],
    ['I see you have experience with Kafka.', 'statement'],
  ])('%s → %s', (sentence, role) => {
    expect(sentenceRole(sentence)).toBe(role);
  });

  it('takes a sentence ending in a full-width question mark as asking', () => {
    expect(isAsking('你会如何处理数据倾斜？')).toBe(true);
    expect(isAsking('The team uses Go.')).toBe(false);
  });
});

describe('stripLeadIn', () => {
  it.each([
    ['Before we wrap up, do you have any questions for me?', 'Do you have any questions for me?'],
    ['Considering this, can you describe BERT?', 'Can you describe BERT?'],
    ['To dive a bit deeper, can you describe your process?', 'Can you describe your process?'],
    ['Based on your experience with PEFT, could you explain LoRA?', 'Could you explain LoRA?'],
    ['Great, can you give an example?', 'Can you give an example?'],
  ])('%s', (input, expected) => {
    expect(stripLeadIn(input)).toBe(expected);
  });

  it('keeps conditions and premises the question needs', () => {
    expect(stripLeadIn('If the cache is cold, how would you warm it?')).toBe('If the cache is cold, how would you warm it?');
    expect(stripLeadIn('Given a sorted array, how would you find duplicates?')).toBe(
      'Given a sorted array, how would you find duplicates?',
    );
  });
});

describe('backReferences', () => {
  it('finds demonstratives pointing at a noun outside the sentence', () => {
    expect(backReferences('What did you change in that framework?').map((r) => r.noun)).toEqual(['framework']);
    expect(backReferences('How did you achieve these reductions?').map((r) => r.noun)).toEqual(['reductions']);
    expect(backReferences('Can you expand on that?').map((r) => r.noun)).toEqual(['']);
  });

  it('ignores "that" opening a clause and the interview itself', () => {
    expect(backReferences('Can you explain that models overfit when data is scarce?')).toEqual([]);
    expect(backReferences('Describe a framework that reduced costs.')).toEqual([]);
    expect(backReferences('How does this role fit your plans?')).toEqual([]);
    expect(backReferences('This allows fast reads, so how would you test it?')).toEqual([]);
  });
});

describe('questionFromTurn', () => {
  it('drops praise and transitions before the question', () => {
    const turn =
      "That's a great explanation, highlighting parallelism.\n\nNow, let's dive into evaluation.\n\nHow do you evaluate a summarizer? What metrics would you use?";
    const question = questionFromTurn(turn)!;
    expect(question.text).toBe('How do you evaluate a summarizer? What metrics would you use?');
    expect(question.withContext).toBe(false);
    expect(turn.slice(question.start)).toMatch(/^How do you evaluate/);
  });

  it('keeps the sentence a back-reference points to, and only that one', () => {
    const turn =
      'Thanks, Lena. You joined as a junior two years ago. Your resume mentions a billing service you rewrote in Go. What was the hardest part of that rewrite?';
    expect(questionFromTurn(turn)!.text).toBe(
      'Your resume mentions a billing service you rewrote in Go. What was the hardest part of that rewrite?',
    );
  });

  it('keeps praise as context only when it names the thing pointed at', () => {
    expect(
      questionFromTurn("It's impressive that you built a feature store. How did you keep that store consistent?")!.text,
    ).toBe("It's impressive that you built a feature store. How did you keep that store consistent?");
    expect(
      questionFromTurn("You're right that tuples are immutable. Why does this distinction matter for hashing?")!.text,
    ).toBe('Why does this distinction matter for hashing?');
  });

  it('keeps every asking sentence, hints included, and removes a lead-in before a colon', () => {
    const turn =
      "Okay.\n\nHere's another question for you: Can you explain *why* immutability helps? Think about caching and thread safety.";
    expect(questionFromTurn(turn)!.text).toBe(
      'Can you explain *why* immutability helps? Think about caching and thread safety.',
    );
  });

  it('returns nothing for a turn that asks nothing', () => {
    expect(questionFromTurn('Thank you, that concludes our interview. We will be in touch.')).toBeUndefined();
  });

  it('does not leave half of a bold pair', () => {
    expect(questionFromTurn("Now, let's move on. **Why do you use Rust? Would you again?**")!.text).toBe(
      '**Why do you use Rust? Would you again?**',
    );
    expect(balanceEmphasis('**Why Rust?')).toBe('Why Rust?');
  });

  it('accepts a question in another language', () => {
    expect(questionFromTurn('谢谢你的回答。你会如何设计一个限流器？')!.text).toBe('你会如何设计一个限流器？');
  });
});

describe('unwrapSpokenQuotes', () => {
  it('removes quotes wrapped around a whole multi-paragraph turn', () => {
    expect(unwrapSpokenQuotes('"First paragraph.\n\nSecond, with "inner" quotes."')).toBe(
      'First paragraph.\n\nSecond, with "inner" quotes.',
    );
    expect(unwrapSpokenQuotes('Plain answer with "a quote" inside.')).toBe('Plain answer with "a quote" inside.');
  });

  it('drops the quote reopened at each paragraph of a long spoken turn', () => {
    expect(unwrapSpokenQuotes('"First we profile.\n\n"Then we cache the "hot" keys."')).toBe(
      'First we profile.\n\nThen we cache the "hot" keys.',
    );
  });
});
