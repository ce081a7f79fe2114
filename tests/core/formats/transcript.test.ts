import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scoredPairsFormat } from '../../../src/core/formats/scoredPairs.ts';
import { isInvitationToAsk, transcriptFormat } from '../../../src/core/formats/transcript.ts';
import { autoCut } from '../../../src/core/formats/cuts.ts';

const fixture = (name: string) =>
  readFileSync(fileURLToPath(new URL(`../../fixtures/notes/${name}`, import.meta.url)), 'utf8');
const bundledDeck = (name: string) => readFileSync(fileURLToPath(new URL(`../../../decks/${name}`, import.meta.url)), 'utf8');

describe('transcriptFormat on an Interviewer/Me transcript (CRLF, trailing spaces)', () => {
  const text = fixture('transcript/mock-backend-crlf.txt');
  const { cards, warnings } = transcriptFormat.parse(text);

  it('is detected, and not taken for scored pairs', () => {
    expect(text).toContain('\r\n');
    expect(transcriptFormat.detect(text)).toBeGreaterThanOrEqual(0.8);
    expect(scoredPairsFormat.detect(text)).toBeLessThanOrEqual(0.2);
  });

  it('asks only the question, keeping the sentence a back-reference needs', () => {
    expect(cards.map((card) => [card.line, card.front])).toEqual([
      [4, 'What is the difference between a process and a thread?'],
      [
        10,
        'You described a crash in one thread taking down the whole process. How would you isolate that failure in a web server?',
      ],
      [16, 'Explain what an index is and when it hurts write performance.'],
    ]);
  });

  it('takes the whole next turn as the answer, over paragraphs, without wrapping quotes', () => {
    expect(cards[0]!.back).toBe(
      'A process has its own address space; threads share the address space of the process that owns them.\n\n' +
        'They are cheaper to create and switch, but a crash in one thread can take the whole process down.',
    );
    expect(cards[1]!.back).toBe(
      "I'd run workers as separate processes behind a supervisor, so a bad request only kills its own worker.",
    );
  });

  it('warns about a question left without an answer instead of making a card', () => {
    expect(warnings).toEqual([expect.objectContaining({ line: 20, ruleId: 'no-answer' })]);
    expect(warnings[0]!.reason).toContain('How do you size a connection pool?');
  });
});

describe('transcriptFormat with a header, tool noise and a report', () => {
  const text = fixture('transcript/recruiter-with-noise.txt');
  const { cards, warnings } = transcriptFormat.parse(text);

  it('finds the speakers by their turns, not the header fields', () => {
    expect(cards.map((card) => card.front)).toEqual([
      'Can you tell me about a pipeline you built?',
      'How do you handle late-arriving events?',
    ]);
  });

  it('skips the tool call and its reply, and says so', () => {
    expect(cards.some((card) => card.back.includes('anything else on my resume'))).toBe(false);
    expect(warnings).toEqual([{ line: 13, ruleId: 'skipped-noise', reason: '2 turns were skipped as tool noise.' }]);
  });

  it('ends the last answer at the report rule', () => {
    expect(cards[1]!.back).toBe('We keep a two-day reprocessing window and merge late rows by event id.');
  });
});

describe('transcriptFormat at the close of an interview', () => {
  it('makes one card of the first invitation to ask questions, none of the later ones (the bundled transcript)', () => {
    const { cards, warnings } = transcriptFormat.parse(bundledDeck('ai-recruiter-interview-transcript.txt'));
    expect(cards.map((card) => card.line)).toEqual([9, 13, 29, 39, 53, 63]);
    expect(cards[5]!.front).toBe('Do you have any questions for me?');
    expect(cards.filter((card) => isInvitationToAsk(card.front))).toHaveLength(1);
    expect(warnings).toContainEqual({
      line: 81,
      ruleId: 'closing-turn',
      reason: "13 turns inviting the candidate's own questions were not made cards: the replies are questions for the interviewer, not answers.",
    });
  });

  it('does the same in another language, and keeps a real question asked after the close', () => {
    const text = [
      '面试官：请介绍一下哈希表？',
      '候选人：用数组加哈希函数存键值对。',
      '面试官：好的。你有什么问题要问我吗？',
      '候选人：有两个。团队现在用什么数据库？上线流程是怎样的？',
      '面试官：我们用 Postgres，每周上线。还有其他问题吗？',
      '候选人：没有了，谢谢！',
      '面试官：为什么选择 Postgres 而不是 MySQL？',
      '候选人：因为扩展多，JSONB 好用。',
    ].join('\n');
    const { cards, warnings } = transcriptFormat.parse(text);
    expect(cards.map((card) => card.front)).toEqual(['请介绍一下哈希表？', '你有什么问题要问我吗？', '为什么选择 Postgres 而不是 MySQL？']);
    expect(warnings).toEqual([expect.objectContaining({ line: 5, ruleId: 'closing-turn' })]);
    expect(warnings[0]!.reason).toMatch(/^1 turn inviting the candidate's own questions was not made a card/);
  });

  it('makes no card of an invitation answered with a passing question', () => {
    const text = [
      'Interviewer: How would you make a payment API safe to retry?',
      'Candidate: With an idempotency key stored beside the payment.',
      "Interviewer: Great, that's all my questions. Do you have any questions for me?",
      'Candidate: Yes — how does the team split on-call?',
      'Interviewer: A weekly rotation. Thanks!',
    ].join('\n');
    const { cards, warnings } = transcriptFormat.parse(text);
    expect(cards.map((card) => card.front)).toEqual(['How would you make a payment API safe to retry?']);
    expect(warnings).toEqual([expect.objectContaining({ line: 3, ruleId: 'closing-turn' })]);
  });

  it('recognises an invitation to ask by its meaning, not questions about the task', () => {
    const invitations = [
      'Do you have any questions for me?',
      'Do you have any other questions?',
      'Any final questions for us?',
      "Is there anything you'd like to ask me?",
      'Any other questions I can help with?',
      'What questions do you have about the role?',
      '你还有什么想问的吗？',
      'Haben Sie noch Fragen an uns?',
      'Avez-vous des questions pour moi ?',
      '¿Tienes alguna pregunta para mí?',
      'Você tem alguma pergunta para mim?',
      'У вас есть вопросы ко мне?',
      '何か質問はありますか？',
      '궁금한 점 있으신가요?',
    ];
    for (const front of invitations) expect([front, isInvitationToAsk(front)]).toEqual([front, true]);
    const questions = [
      'Do you have any questions about the problem before you start?',
      'How would you ask a user for feedback?',
      'What questions would you ask to size a cache?',
      'Do you have experience with Kafka? Any questions for me?',
      'Can you explain what a closure is?',
    ];
    for (const front of questions) expect([front, isInvitationToAsk(front)]).toEqual([front, false]);
  });
});

describe('transcriptFormat with other speaker names', () => {
  it('finds the asking side from its questions, whoever speaks first', () => {
    const text = [
      '**Alex:** Happy to be here.',
      '',
      '**Jordan:** Great. Why did you pick Postgres over MySQL?',
      '',
      '**Alex:** Mostly for its JSONB support and extensions.',
      '',
      '**Jordan:** And how do you run migrations?',
      '',
      '**Alex:** With versioned SQL files applied in CI.',
    ].join('\n');
    expect(transcriptFormat.detect(text)).toBeGreaterThanOrEqual(0.8);
    expect(transcriptFormat.parse(text).cards.map((card) => [card.front, card.back])).toEqual([
      ['Why did you pick Postgres over MySQL?', 'Mostly for its JSONB support and extensions.'],
      ['And how do you run migrations?', 'With versioned SQL files applied in CI.'],
    ]);
  });
});

describe('transcriptFormat.detect on other layouts', () => {
  it('stays low on markdown, STAR-labelled answers and Q1:/A1: pairs', () => {
    const markdown = '# Databases\n\n## What is an index?\n\nA sorted structure.\n\n## What is a join?\n\nA combination of rows.';
    const story = ['Situation: prod was down.', 'Task: restore it.', 'Action: rolled back.', 'Result: 5 min outage.'];
    const star = [...story, '', ...story, '', ...story].join('\n');
    expect(transcriptFormat.detect(markdown)).toBeLessThanOrEqual(0.2);
    expect(transcriptFormat.detect(star)).toBeLessThanOrEqual(0.2);
    expect(transcriptFormat.detect(fixture('scored-pairs/two-tiers-crlf.txt'))).toBeLessThanOrEqual(0.2);
  });

  it('takes question and answer labels in any language for labels, not speakers', () => {
    const labelled = (q: string, a: string) => [1, 2, 3].map((n) => `${q}: Question ${n}?\n${a}: Answer ${n}.`).join('\n\n');
    for (const [q, a] of [['Pregunta', 'Respuesta'], ['Frage', 'Antwort'], ['Вопрос', 'Ответ'], ['问题', '答案'], ['質問', '回答'], ['질문', '답변']]) {
      expect([q, transcriptFormat.detect(labelled(q!, a!))]).toEqual([q, 0]);
    }
    expect(transcriptFormat.detect(labelled('Interviewer', 'Candidate'))).toBeGreaterThanOrEqual(0.5);
  });
});

describe('transcriptFormat.parse', () => {
  it('never throws', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => {
        const result = transcriptFormat.parse(text);
        for (const card of result.cards) expect(card.front.trim()).not.toBe('');
      }),
    );
    fc.assert(
      fc.property(fc.array(fc.constantFrom('A: ', 'B: ', 'why?', '"', '\n', '\r\n', '====', 'tool_code', ' that ', '. '), { maxLength: 60 }), (parts) => {
        transcriptFormat.parse(parts.join(''));
        transcriptFormat.detect(parts.join(''));
      }),
    );
  });

  it('reads large input: long runs of spaces, thousands of turns (speed: npm run bench:convert)', () => {
    const text = 'Interviewer: What is X?' + ' '.repeat(200_000) + 'ok\nMe: yes\n\n' + ('Interviewer: Great. This allows that. Why?\n\nMe: "' + 'Because. '.repeat(200) + '"\n\n').repeat(2000);
    expect(transcriptFormat.parse(text).cards.length).toBeGreaterThan(1000);
  });
});

describe('transcriptFormat and bold lead-ins of answers', () => {
  it('does not take two labels said once each for two speakers: the question headings make the cards', () => {
    const text = [
      '## What is a B-tree?',
      '**Short answer:** a balanced search tree with many keys per node.',
      '',
      '## Why do databases use B-trees?',
      '**Reason:** few disk reads per lookup.',
      '',
      '**Note:** LSM trees trade reads for writes.',
    ].join('\n');
    expect(transcriptFormat.detect(text)).toBe(0);
    const result = autoCut(text);
    expect(result.layout?.name).toBe('markdown');
    expect(result.cards.map((c) => [c.front, c.back])).toEqual([
      ['What is a B-tree?', '**Short answer:** a balanced search tree with many keys per node.'],
      ['Why do databases use B-trees?', '**Reason:** few disk reads per lookup.\n\n**Note:** LSM trees trade reads for writes.'],
    ]);
  });
});
