// The structure finder on the prompt shapes people write: each test is a small note as a person
// would keep it, and the cards a person would expect from it.
import { describe, expect, it } from 'vitest';
import { deckFromNote, readNote } from '../../../../src/core/deck/deckFromNote.ts';
import { cutAt, cutChoices } from '../../../../src/core/formats/cuts.ts';
import { markdownFormat } from '../../../../src/core/formats/markdown.ts';

const parse = (text: string) => markdownFormat.parse(text);
const fronts = (text: string) => parse(text).cards.map((card) => card.front);

describe('bold prompts', () => {
  it('cuts at bold numbers followed by code, numbering running on across sections', () => {
    const note = [
      '# SQL practice', '', '## Counting', '',
      '**1)** The number of active ads.', '', '```sql', "SELECT COUNT(*) FROM ads WHERE status = 'active';", '```', '',
      '**2)** The number of users who clicked at least once.', '', '```sql', 'SELECT COUNT(DISTINCT user_id) FROM clicks;', '```', '',
      '## Joins', '',
      '**3)** Ads with no clicks.', '', '```sql', 'SELECT a.id FROM ads a LEFT JOIN clicks c ON c.ad_id = a.id WHERE c.ad_id IS NULL;', '```',
    ].join('\n');
    const { cards } = parse(note);
    expect(cards.map((c) => c.front)).toEqual(['The number of active ads.', 'The number of users who clicked at least once.', 'Ads with no clicks.']);
    expect(cards.map((c) => c.number)).toEqual(['1', '2', '3']);
    expect(cards[2]!.back.startsWith('```sql\nSELECT a.id')).toBe(true);
    expect(cards[2]!.section).toEqual(['SQL practice', 'Joins']);
  });

  it('reads **Q3. …** lines with **A:** answers and rules between pairs', () => {
    const note = [
      '## Basics', '', '**Q1. What is an embedding?**', '', '**A:** A dense vector representing an item.', '', '---', '',
      '**Q2. Why normalise embeddings?**', '', '**A:** So cosine similarity equals the dot product.', '', '| metric | note |', '|---|---|', '| cos | scale-free |', '', '---', '',
      '## Use', '', '**Q3. What does an embedding let us do?**', '', '**A:** Search by meaning:', '', '- nearest neighbours', '- clustering',
    ].join('\n');
    const { cards, warnings } = parse(note);
    expect(cards.map((c) => c.front)).toEqual(['What is an embedding?', 'Why normalise embeddings?', 'What does an embedding let us do?']);
    expect(cards[0]!.back).toBe('A dense vector representing an item.');
    expect(cards[1]!.back).toContain('| cos | scale-free |');
    expect(cards[2]!.back).toBe('Search by meaning:\n\n- nearest neighbours\n- clustering');
    expect(warnings.filter((w) => w.ruleId === 'text-after-rule')).toEqual([]);
  });

  it('takes a bold question with its answer on the same line', () => {
    const note = '**What is a mutex?** A lock only its owner releases.\n\n**What is a semaphore?** A counter of permits.\n';
    expect(parse(note).cards.map((c) => [c.front, c.back])).toEqual([
      ['What is a mutex?', 'A lock only its owner releases.'],
      ['What is a semaphore?', 'A counter of permits.'],
    ]);
  });

  it('leaves bold labels inside prose alone', () => {
    const note = '# Notes\n\n**Note:** read chapter 3.\n\n**Important:** sleep well.\n\nSome prose here.\n';
    expect(() => deckFromNote({ fileName: 'n.md', text: note })).toThrow(/No questions found/);
  });
});

describe('inline pairs on one line', () => {
  it('finds every numbered Q:/A: pair of one section and no card in the narrative around it', () => {
    const note = [
      '# My OS study log', '', 'Today I studied processes. It was fun.', '', '## Plan', '', 'I will read chapter 3 and then do exercises.', '',
      '## Questions', '',
      '1. [Must know] **Q:** Process vs Thread? **A:** A process has its own address space; threads share one.',
      "2. [Must know] **Q:** What is a context switch? **A:** Saving one task's state and loading another's.",
      '3. [Nice] **Q:** What is a zombie process? **A:** A finished child whose parent has not waited for it.',
      '', '## Reflection', '', 'I need to review more.',
    ].join('\n');
    const { cards } = parse(note);
    expect(cards.map((c) => c.front)).toEqual(['Process vs Thread?', 'What is a context switch?', 'What is a zombie process?']);
    expect(cards[0]!.back).toBe('A process has its own address space; threads share one.');
  });
});

describe('headings that ask without a question mark', () => {
  it('reads comparisons and numbered imperatives as questions, the number kept out of the front', () => {
    const note = [
      '# Java', '', '#### equals VS ==', '', '`==` compares references.', '', '#### Overriding vs overloading', '', 'Replace vs add.', '',
      '#### Difference between Comparator and Comparable', '', 'External vs natural order.', '',
      '## 2. Describe the architecture of a transformer model', '', 'Stacks of attention.', '',
      '## 6. Discuss the significance of attention', '', 'Every token sees every other.',
    ].join('\n');
    const { cards } = parse(note);
    expect(cards.map((c) => c.front)).toEqual([
      'equals VS ==', 'Overriding vs overloading', 'Difference between Comparator and Comparable',
      'Describe the architecture of a transformer model', 'Discuss the significance of attention',
    ]);
    expect(cards.map((c) => c.number)).toEqual([undefined, undefined, undefined, '2', '6']);
  });

  it('strips the numbering of `## 1. What are LLMs?`', () => {
    expect(fronts('## 1. What are LLMs?\n\nLarge language models.\n\n## 2) Why RAG?\n\nFresh facts.\n')).toEqual(['What are LLMs?', 'Why RAG?']);
  });

  it('reads a topic heading among question siblings as a prompt', () => {
    const note = [
      '# JVM', '', '### What is the JVM?', '', 'A virtual machine.', '', '### JIT compiler', '', 'Compiles hot code.', '',
      '### Why does G1 exist?', '', 'Short pauses.', '', '### How does class loading work?', '', 'Parent delegation.',
    ].join('\n');
    expect(fronts(note)).toEqual(['What is the JVM?', 'JIT compiler', 'Why does G1 exist?', 'How does class loading work?']);
  });

  it('does not make cards of topic headings when most siblings do not ask', () => {
    const note = '# Guide\n\n## Install\n\nRun npm.\n\n## Configure\n\nEdit the file.\n\n## Deploy\n\nPush.\n\n## Why tests?\n\nConfidence.\n';
    expect(fronts(note)).toEqual(['Why tests?']);
  });
});

describe('answers that run on', () => {
  it('ends an answer at a run of unanswered prompts and reports each', () => {
    const practice = Array.from({ length: 6 }, (_, i) => `- Q. What is practice question ${i + 1}?`);
    const note = ['## What is a B-tree?', '', 'A balanced search tree with wide nodes.', '', '### Practice', '', ...practice, ''].join('\n');
    const { cards, warnings } = parse(note);
    expect(cards).toHaveLength(1);
    expect(cards[0]!.back).not.toContain('practice question');
    expect(warnings.filter((w) => w.ruleId === 'unanswered-prompt')).toHaveLength(6);
  });

  it('keeps a short list of follow-up questions inside the answer', () => {
    const note = '## What is caching?\n\nKeeping copies close.\n\nFollow-ups:\n- Why evict?\n- When is it stale?\n';
    const { cards } = parse(note);
    expect(cards[0]!.back).toContain('When is it stale?');
  });
});

describe('numbered and bulleted questions', () => {
  it('cuts numbered questions with indented answers', () => {
    const note = '# Python\n\n1. What is a list?\n   A mutable sequence.\n2. What is a tuple?\n   An immutable sequence.\n3. What is a set?\n   An unordered collection.\n';
    const { cards } = parse(note);
    expect(cards.map((c) => [c.front, c.back, c.number])).toEqual([
      ['What is a list?', 'A mutable sequence.', '1'],
      ['What is a tuple?', 'An immutable sequence.', '2'],
      ['What is a set?', 'An unordered collection.', '3'],
    ]);
  });

  it('cuts bulleted questions with nested answers', () => {
    const note = '# React\n\n- What is JSX?\n  - Syntax sugar for createElement.\n- Why keys?\n  - To match list items.\n- What is a hook?\n  - A function using React state.\n';
    expect(parse(note).cards.map((c) => [c.front, c.back])).toEqual([
      ['What is JSX?', '- Syntax sugar for createElement.'],
      ['Why keys?', '- To match list items.'],
      ['What is a hook?', '- A function using React state.'],
    ]);
  });

  it('cuts a short note of two bulleted questions, each answered by its nested item', () => {
    const note = '# Go\n\n- What is a goroutine?\n  - A lightweight thread managed by the Go runtime.\n- What does `defer` do?\n  - Schedules a call to run when the function returns.\n';
    const deck = deckFromNote({ fileName: 'go.md', text: note });
    expect(deck.cards.map((c) => [c.front, c.back])).toEqual([
      ['What is a goroutine?', 'A lightweight thread managed by the Go runtime.'],
      ['What does `defer` do?', 'Schedules a call to run when the function returns.'],
    ]);
  });

  it('does not make cards of two bullets when one of them does not ask', () => {
    const note = '# Go\n\n- What is a goroutine?\n  - A lightweight thread.\n- Channels\n  - Typed pipes.\n';
    expect(() => deckFromNote({ fileName: 'go.md', text: note })).toThrow(/No questions found/);
  });

  it('does not make cards of numbered steps', () => {
    const note = '# Setup\n\n1. Install node.\n2. Run the build.\n3. Open the page.\n\nThat is all.\n';
    expect(() => deckFromNote({ fileName: 'n.md', text: note })).toThrow(/No questions found/);
  });
});

describe('plain-text lines that ask', () => {
  it('cuts a plain note of question lines and answer paragraphs', () => {
    const note = 'What is a closure?\nA function with its scope.\n\nWhat is hoisting?\nDeclarations move up.\n\nWhat is the event loop?\nIt runs queued tasks.\n';
    expect(fronts(note)).toEqual(['What is a closure?', 'What is hoisting?', 'What is the event loop?']);
  });
  it('cuts a plain note of just two question lines, each with its answer', () => {
    const note = 'What is a mutex?\nA lock one thread holds at a time.\n\nWhat is a semaphore?\nA counter that admits up to N holders.\n';
    expect(fronts(note)).toEqual(['What is a mutex?', 'What is a semaphore?']);
  });
});

describe('Cut cards at', () => {
  const note = '# Topics\n\n### Threads\n\nLightweight.\n\n### Processes\n\nIsolated.\n\n### Fibers\n\nCooperative.\n';

  it('offers the heading levels and shapes a note has, each with its card count, auto first', () => {
    const { choices } = cutChoices(note);
    expect(choices[0]!.id).toBe('auto');
    expect(choices.find((c) => c.id === 'heading:3')).toEqual({ id: 'heading:3', label: 'Level-3 headings', cards: 3 });
  });

  it('cuts at a chosen heading level even when no heading asks', () => {
    expect(cutAt(note, 'auto').cards).toHaveLength(0);
    expect(cutAt(note, 'heading:3').cards.map((c) => [c.front, c.back])).toEqual([
      ['Threads', 'Lightweight.'], ['Processes', 'Isolated.'], ['Fibers', 'Cooperative.'],
    ]);
  });

  it('opens the preview with choices when auto finds nothing', () => {
    const read = readNote({ fileName: 'topics.md', text: note });
    expect(read.deck.cards).toHaveLength(0);
    expect(read.cut.choices.some((c) => c.id === 'heading:3' && c.cards === 3)).toBe(true);
    const chosen = readNote({ fileName: 'topics.md', text: note }, { cutAt: 'heading:3' });
    expect(chosen.deck.cards.map((c) => c.front)).toEqual(['Threads', 'Processes', 'Fibers']);
    expect(chosen.cut.chosen).toBe('heading:3');
  });

  it('names what auto chose in words', () => {
    const bold = '**1)** Count the rows.\n\n```sql\nSELECT 1;\n```\n\n**2)** Sum the rows.\n\n```sql\nSELECT 2;\n```\n\n**3)** Max.\n\n```sql\nSELECT 3;\n```\n';
    expect(cutChoices(bold).autoLabel).toBe('Bold lines');
    expect(cutChoices('## What is X?\n\nY.\n').autoLabel).toBe('Question headings');
  });

  it('falls back to auto for a choice that no longer applies', () => {
    expect(cutAt('## What is X?\n\nY.\n', 'heading:6').cards).toHaveLength(1);
    expect(cutAt('## What is X?\n\nY.\n', 'shape:nonsense').cards).toHaveLength(1);
  });
});

describe('what the deck says about the bytes and the separators', () => {
  it('carries the unreadable-bytes warnings of the decoding into the deck', () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('## What is X?\n\nY '), 0xe2, 0x82, 0x20, ...new TextEncoder().encode('z.\n')]);
    const deck = deckFromNote({ fileName: 'n.md', bytes });
    expect(deck.cards).toHaveLength(1);
    expect(deck.warnings.map((w) => [w.ruleId, w.line])).toEqual([['unreadable-bytes', 3]]);
  });

  it('offers lines with a separator as a choice and cuts at it', () => {
    const note = 'What is a closure? ; a function with its scope\nWhat is hoisting? ; declarations move up\nWhat is a promise? ; a future value\n';
    const { choices, autoLabel } = cutChoices(note);
    const separator = choices.find((c) => c.id.startsWith('separator:'));
    expect(separator?.label).toBe('Lines with a separator ;');
    expect(autoLabel).toBe('Lines with a separator ;');
    expect(cutAt(note, separator!.id).cards.map((c) => c.back)).toEqual(['a function with its scope', 'declarations move up', 'a future value']);
  });

  it('counts each choice after card hygiene, so the count is what the user gets', () => {
    const note = '**What is A?**\n\nTODO\n\n**What is B?**\n\nAn answer.\n\n**What is C?**\n\nAnother.\n';
    expect(cutChoices(note).choices.find((c) => c.id === 'shape:bold')?.cards).toBe(2);
  });
});

describe('what real notes add around their cards', () => {
  it('drops "Back to Top" navigation from answers', () => {
    const note = '### 1. What is JSX?\n\nA syntax extension.\n\n**[⬆ Back to Top](#table-of-contents)**\n\n### 2. What is a hook?\n\nA function.\n\n[返回顶部](#目录)\n';
    expect(deckFromNote({ fileName: 'n.md', text: note }).cards.map((c) => c.back)).toEqual(['A syntax extension.', 'A function.']);
  });

  it('reads `1. ### Question` items with indented answers, no heading marks in the front and no code block made of the answer', () => {
    const note = '1. ### What is React?\n\n    React is a library.\n\n    It renders components.\n\n2. ### What is JSX?\n\n    A syntax extension.\n\n3. ### Why keys?\n\n    To match items.\n';
    const cards = deckFromNote({ fileName: 'n.md', text: note }).cards;
    expect(cards.map((c) => [c.front, c.back])).toEqual([
      ['What is React?', 'React is a library.\n\nIt renders components.'],
      ['What is JSX?', 'A syntax extension.'],
      ['Why keys?', 'To match items.'],
    ]);
  });

  it('takes Ans) and - A: as answer labels', () => {
    const note = 'Q1) What is a process?\nAns) A program running.\n\nQ2) What is a thread?\nAns) A unit of execution.\n';
    expect(deckFromNote({ fileName: 'n.txt', text: note }).cards.map((c) => c.back)).toEqual(['A program running.', 'A unit of execution.']);
  });
});

describe('glossaries and titles', () => {
  it('reads Term — definition lines as cards', () => {
    const note = 'Closure — a function with its scope.\nPromise — a value that comes later.\nDebounce — wait until calls stop.\n';
    expect(deckFromNote({ fileName: 'g.txt', text: note }).cards.map((c) => [c.front, c.back])).toEqual([
      ['Closure', 'a function with its scope.'],
      ['Promise', 'a value that comes later.'],
      ['Debounce', 'wait until calls stop.'],
    ]);
  });

  it('names a deck without the markdown of its first line', () => {
    const note = '**Closure**\nA function with its scope.\n\n**Promise**\nA later value.\n';
    expect(readNote({ fileName: 'terms.md', text: note }).deck.title).toBe('Closure');
  });
});

describe('outliner and plain-text habits', () => {
  it('reads Logseq-style bullets nested with tabs, the #card tag left out of the front, the one child block as its text', () => {
    const note = '- What is a B-tree? #card\n\t- A balanced tree with wide nodes.\n- What is a trie? #card\n\t- A tree of prefixes.\n- What is a heap? #card\n\t- A tree ordered by priority.\n';
    expect(deckFromNote({ fileName: 'n.md', text: note }).cards.map((c) => [c.front, c.back])).toEqual([
      ['What is a B-tree?', 'A balanced tree with wide nodes.'],
      ['What is a trie?', 'A tree of prefixes.'],
      ['What is a heap?', 'A tree ordered by priority.'],
    ]);
  });

  it('takes A. as the answer label after Q. prompts', () => {
    const note = 'Q. What is DNS?\nA. The internet phone book.\n\nQ. What is TLS?\nA. Encryption for transport.\n';
    expect(deckFromNote({ fileName: 'n.txt', text: note }).cards.map((c) => c.back)).toEqual(['The internet phone book.', 'Encryption for transport.']);
  });

  it('reads bold Q. labels, on their own lines or as bullets with the A. answer nested', () => {
    const pairs = [['What is a zombie process?', 'A child that exited and was not waited for.'], ['What does the TLB cache?', 'Recent page translations.'], ['What is thrashing?', 'More time paging than running.']];
    const bullets = pairs.map(([q, a]) => `- **Q.** ${q}\n  - **A.** ${a}`).join('\n');
    const lines = pairs.map(([q, a]) => `**Q.** ${q}\n**A.** ${a}`).join('\n\n');
    for (const note of [`# OS quiz\n\n${bullets}\n`, `# OS quiz\n\n${lines}\n`]) {
      const { cards } = deckFromNote({ fileName: 'os.md', text: note });
      expect(cards.map((c) => [c.front, c.back])).toEqual(pairs);
    }
  });
});

describe('an arrow that opens every answer', () => {
  it('after a Q) label, a leading => or → is the note\'s answer marker, not the answer; inside an answer it stays', () => {
    const pairs = [['What does a load balancer do?', 'Spreads requests over servers.'], ['What is a CDN for?', 'Serving static files near the user.'], ['What is a WAL?', 'A log written before the change.']];
    for (const arrow of ['=>', '→', '->']) {
      const note = `System design\n\n${pairs.map(([q, a]) => `Q) ${q}\n${arrow} ${a}`).join('\n\n')}\n`;
      expect(deckFromNote({ fileName: 'sd.txt', text: note }).cards.map((c) => [c.front, c.back])).toEqual(pairs);
    }
    const inside = `Q) What does 2 + 2 give?\nIt is 4:\n=> four\n\nQ) What is 3 + 3?\nSix.\n`;
    expect(deckFromNote({ fileName: 'm.txt', text: inside }).cards[0]!.back).toContain('=> four');
  });
});

describe('a reading list after an answer', () => {
  const links = Array.from({ length: 6 }, (_, i) => `- [Article ${i + 1}](https://example.com/${i + 1})`);

  it('ends the answer before a run of links and its title, with a warning', () => {
    const note = ['## What is consistent hashing?', '', 'Keys and nodes on one ring.', '', '### Resources', '', ...links, ''].join('\n');
    const { cards, warnings } = parse(note);
    expect(cards[0]!.back).toBe('Keys and nodes on one ring.');
    expect(warnings.map((w) => w.ruleId)).toContain('link-list');
  });

  it('keeps an answer that is only links, and a few links inside an answer', () => {
    const only = ['## Where can I read about Raft?', '', ...links, ''].join('\n');
    expect(parse(only).cards[0]!.back).toContain('Article 6');
    const few = ['## What is Raft?', '', 'A consensus algorithm.', '', links[0], links[1], ''].join('\n');
    expect(parse(few).cards[0]!.back).toContain('Article 2');
  });
});

describe('more of how people write', () => {
  it('reads a Question | Ideal Response table', () => {
    const note = '| Question | Ideal Response |\n| --- | --- |\n| **Tell me about yourself** | Two minutes on your path. |\n| **Why this role?** | Tie it to the mission. |\n';
    expect(deckFromNote({ fileName: 'n.md', text: note }).cards.map((c) => c.back)).toEqual(['Two minutes on your path.', 'Tie it to the mission.']);
  });

  it('reads Logseq #card blocks: properties and wiki links are not text, highlights are not clozes', () => {
    const note = [
      '- # 1、[[Activity]] start #card', '  id:: 64fa8390-0f1e', '  collapsed:: true', '\t- Launcher asks ==AMS== to start it.',
      '- # 2、How do app and AMS talk?#card', '  id:: 64fa8390-c7a7', '\t- Through ==Binder== proxies.',
    ].join('\n');
    expect(deckFromNote({ fileName: 'n.md', text: note }).cards.map((c) => [c.front, c.back])).toEqual([
      ['Activity start', 'Launcher asks ==AMS== to start it.'],
      ['How do app and AMS talk?', 'Through ==Binder== proxies.'],
    ]);
  });

  it('reads one list of "question? answer" items in an otherwise narrative note', () => {
    const note = [
      '# Internship prep', '', '- Send the CV', '- Prepare a talk', '- Practise', '', '#### Common questions:',
      '  - What is HTML? A markup language for documents.', '  - What is CSS? Styles for those documents.', '  - What is JavaScript? A language that runs in the page.',
      '', '## Tips', '', '- Sleep well', '- Arrive early',
    ].join('\n');
    expect(deckFromNote({ fileName: 'n.md', text: note }).cards.map((c) => [c.front, c.back])).toEqual([
      ['What is HTML?', 'A markup language for documents.'],
      ['What is CSS?', 'Styles for those documents.'],
      ['What is JavaScript?', 'A language that runs in the page.'],
    ]);
  });

  it('keeps a heading that names a comparison inside the answer it sits under', () => {
    const note = '## 问题 1：瀑布流怎么实现？\n\n用 columns 或者 JS 计算。\n\n### 方案对比\n\nJS 更灵活。\n\n## 问题 2：图片懒加载怎么做？\n\nIntersectionObserver。\n';
    const { cards } = parse(note);
    expect(cards.map((c) => c.front)).toEqual(['瀑布流怎么实现？', '图片懒加载怎么做？']);
    expect(cards[0]!.back).toContain('### 方案对比');
  });
});

describe('headings in more languages and underlined', () => {
  it('reads a rule right under a heading as its underline, not the end of the answer', () => {
    const note = '# Deadlock nedir ??\n--------------------\nİşlemlerin birbirini beklemesi.\n\n# Thread nedir?\n-----\nBir yürütme birimi.\n';
    expect(parse(note).cards.map((c) => [c.front, c.back])).toEqual([
      ['Deadlock nedir ??', 'İşlemlerin birbirini beklemesi.'],
      ['Thread nedir?', 'Bir yürütme birimi.'],
    ]);
  });

  it('reads questions whose interrogative comes last or is not in the older lists', () => {
    expect(fronts('## Closure là gì\n\nMột hàm.\n\n## Deadlock nedir\n\nKilitlenme.\n\n## Apa itu REST\n\nGaya arsitektur.\n')).toEqual([
      'Closure là gì', 'Deadlock nedir', 'Apa itu REST',
    ]);
  });
});

describe('very many cards in one stretch', () => {
  it('keeps all 130,000 cards of one stretch (no spread into a call)', () => {
    const note = Array.from({ length: 130_000 }, (_, i) => `term ${i} :: definition ${i}`).join('\n');
    const { cards } = parse(note);
    expect(cards).toHaveLength(130_000);
    expect(cards.at(-1)!.front).toBe('term 129999');
  });
});

describe('headings inside a hidden answer', () => {
  it('keeps a heading inside <details> in that answer, and finds every question after it', () => {
    const note = [
      '<details>', '<summary>Why override hashCode with equals?</summary>', '', 'Equal objects must hash alike.', '', '### More detail', '', 'Hash maps rely on it.', '', '</details>', '',
      '<details>', '<summary>What does the JIT do?</summary>', '', 'Compiles hot code.', '', '</details>', '',
    ].join('\n');
    const cards = deckFromNote({ fileName: 'n.md', text: note }).cards;
    expect(cards.map((c) => c.front)).toEqual(['Why override hashCode with equals?', 'What does the JIT do?']);
    expect(cards[0]!.back).toContain('### More detail');
  });

  it('lets a <details> that never closes hide nothing', () => {
    const note = '<details>\n\n## What is X?\n\nY.\n\n## What is Z?\n\nW.\n';
    expect(fronts(note)).toEqual(['What is X?', 'What is Z?']);
  });
});

describe('a separator line of the note’s own', () => {
  it('reads the paragraph above a recurring wordless line as the question and the one below as the answer', () => {
    const note = [
      '# Book notes', '', 'Some narrative first.', '',
      'What is a program at heart?', '<br class="f">', 'An algorithm written in a language.', '<!--SR:!2024-01-01,3,250-->', '',
      'Is programming a craft?', '<br class="f">', 'Partly: it is learned by doing.', '',
      'Why learn Unix first?', '<br class="f">', 'Its tools compose.', '',
    ].join('\n');
    expect(deckFromNote({ fileName: 'n.md', text: note }).cards.map((c) => [c.front, c.back])).toEqual([
      ['What is a program at heart?', 'An algorithm written in a language.'],
      ['Is programming a craft?', 'Partly: it is learned by doing.'],
      ['Why learn Unix first?', 'Its tools compose.'],
    ]);
  });

  it('leaves a line that recurs only twice alone', () => {
    const note = '# Notes\n\nA thought\n%%\nanother\n\nMore\n%%\ntext\n';
    expect(() => deckFromNote({ fileName: 'n.md', text: note })).toThrow(/No questions found/);
  });
});

describe('a heading that only says "question"', () => {
  it('takes the question from the paragraph under `### 题目` and the answer from the rest', () => {
    const note = [
      '## 第 1 题 🟢', '', '### 题目', '', '前端构建工具通常解决哪些问题？', '', '- A. 模块化', '- B. 兼容性', '',
      '<details>', '<summary>查看答案</summary>', '', 'A, B', '', '</details>', '',
      '## 第 2 题 🟡', '', '### 题目', '', 'Tree Shaking 依赖什么？', '', '<details>', '<summary>查看答案</summary>', '', 'ES 模块的静态结构。', '', '</details>',
    ].join('\n');
    const cards = deckFromNote({ fileName: 'n.md', text: note }).cards;
    expect(cards.map((c) => c.front)).toEqual(['前端构建工具通常解决哪些问题？', 'Tree Shaking 依赖什么？']);
    expect(cards[0]!.back.startsWith('- A. 模块化')).toBe(true);
    expect(cards[1]!.back).toBe('ES 模块的静态结构。');
  });
});

describe('bold topics among bold questions', () => {
  it('reads a whole bold line that names a topic as a prompt when nearly every bold line asks', () => {
    const qs = ['What is overfitting?', 'What is bias?', 'What is variance?', 'Why regularise?', 'What is dropout?', 'How does early stopping work?'];
    const note = [...qs.flatMap((q, i) => [`**${q}**`, '', `It depends on case ${i + 1}.`, '']), '**Precision-recall trade-off**', '', 'Raising one lowers the other.', ''].join('\n');
    expect(fronts(note)).toEqual([...qs, 'Precision-recall trade-off']);
  });

  it('keeps a bold line inside an answer when most bold lines do not ask', () => {
    const note = '**What is X?**\n\nIt is:\n\n**Important**\n\nA thing.\n\n**What is Y?**\n\nOther.\n';
    expect(fronts(note)).toEqual(['What is X?', 'What is Y?']);
  });
});

describe('questions at the margin, answers indented beneath them', () => {
  const note = (mark: (n: number) => string) =>
    [
      `${mark(1)}Why shard a database?`,
      '    To spread writes and data across machines when one node can no longer hold',
      '    the load or the data.',
      `${mark(2)}What is a hot partition?`,
      '    A shard that gets far more traffic than the others, because the key is skewed.',
      `${mark(3)}When do you reshard?`,
      '    When a shard passes its size budget:',
      '    1. split it',
      '    2. move half of it',
      `${mark(4)}When is denormalising worth it?`,
      '    When reads vastly outnumber writes.',
    ].join('\n');
  const questions = ['Why shard a database?', 'What is a hot partition?', 'When do you reshard?', 'When is denormalising worth it?'];

  it('cuts at each question with no blank line between one card and the next, numbered `(1)` or not at all', () => {
    for (const mark of [(n: number) => `(${n}) `, () => '']) {
      const { cards } = parse(note(mark));
      expect(cards.map((c) => c.front)).toEqual(questions);
      // The answer moves left as a whole, so its list stays a list and nothing reads as code.
      expect(cards[0]!.back).toBe('To spread writes and data across machines when one node can no longer hold\nthe load or the data.');
      expect(cards[2]!.back).toBe('When a shard passes its size budget:\n1. split it\n2. move half of it');
    }
  });

  it('does not cut at a question inside an answer that is not indented less than the answer', () => {
    const text = note((n) => `(${n}) `).replace('    the load or the data.', '    the load or the data. Why not replicate?\n    Replicas copy, they do not split.');
    expect(fronts(text)).toEqual(questions);
  });
});
