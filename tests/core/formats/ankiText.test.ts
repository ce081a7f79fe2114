import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deckFromNote, prepareNoteText } from '../../../src/core/deck/deckFromNote.ts';
import { ankiHtmlToMarkdown, ankiTextAtSeparator, ankiTextFormat, plausibleSeparators, readDelimited } from '../../../src/core/formats/ankiText.ts';
import { rankFormats } from '../../../src/core/formats/registry.ts';

const fixtureDir = new URL('../../fixtures/notes/', import.meta.url);
const bytes = (name: string) => new Uint8Array(readFileSync(new URL(`anki/${name}`, fixtureDir)));
const deckOf = (name: string) => deckFromNote({ fileName: name, bytes: bytes(name) });
const brief = (name: string) => deckOf(name).cards.map((c) => [c.meta.line, c.kind, c.front, c.back, c.tags]);

describe('Anki "Notes in Plain Text" with every column (notes-html.txt)', () => {
  const deck = deckOf('notes-html.txt');

  it('is read by the Anki reader', () => {
    expect(deck.layouts).toEqual(['anki-text']);
  });

  it('fields become markdown; guid, note type, deck and tags columns are not card text', () => {
    expect(brief('notes-html.txt')).toEqual([
      [
        7,
        'basic',
        'What is a **closure**?',
        'A function plus the variables it captured.\n\nExample:\n```\nfunction f() {\n  let x = 1;\n  return () => x;\n}\n```',
        ['Interview::JavaScript', 'js::functions', 'interview'],
      ],
      [8, 'basic', 'What does `a?.b` return when *a* is null?', 'undefined\n(no TypeError)', ['Interview::JavaScript', 'js']],
      [9, 'basic', 'What is the softmax of $z_i$?', '$$\n\\sigma(z)_i = \\frac{e^{z_i}}{\\sum_j e^{z_j}}\n$$', ['Interview::ML', 'ml::math']],
      [
        10,
        'basic',
        'Name the three parts of a transformer block: attention, MLP, and?',
        '- Layer norm\n- Residual connections\n\nSee "Attention Is All You Need".',
        ['Interview::ML', 'ml'],
      ],
      [13, 'cloze', '{{c1::LEFT JOIN}} keeps every row of the left table.', 'Rows without a match get NULLs.', ['Interview::SQL', 'sql']],
      [
        14,
        'basic',
        'How do you escape a literal 100% in LIKE?',
        "Use `ESCAPE`: `LIKE '100\\%' ESCAPE '\\'` &amp; check the price is &lt; \\$5 \\* 2",
        ['Interview::SQL', 'sql'],
      ],
    ]);
  });

  it('a note without an answer is a warning with its line', () => {
    expect(deck.warnings).toEqual([{ line: 15, ruleId: 'no-answer', reason: 'This note has no answer; it was skipped.' }]);
  });
});

describe('other exports', () => {
  it('"Cards in Plain Text", html:false, CRLF: text is literal, quoted newlines kept', () => {
    expect(brief('cards-plain.txt')).toEqual([
      [3, 'basic', 'What is a mutex?', 'A lock that lets one thread at a time into a critical section.', []],
      [4, 'basic', 'What is \\*idempotent\\*?', 'Doing it twice has the same effect as doing it once (e.g. PUT, DELETE).', []],
      [5, 'basic', 'Big-O of a hash map lookup?', 'O(1) on average;\nO(n) in the worst case.', []],
    ]);
  });

  it('semicolons, #columns with Tags, #tags for every note, doubled quotes, comment lines, BOM', () => {
    expect(brief('semicolon.csv')).toEqual([
      [5, 'basic', 'TCP vs UDP?', 'TCP: ordered, reliable; UDP: neither, but fast', ['imported', 'networking']],
      [6, 'basic', 'What does "CAP" stand for?', 'Consistency, Availability, Partition tolerance', ['imported', 'distributed-systems', 'theory']],
      [8, 'basic', 'What is a B-tree?', 'A balanced search tree with many keys per node.', ['imported', 'databases']],
    ]);
  });

  it('an old export without header lines: tab-separated, HTML recognised', () => {
    expect(brief('legacy-no-headers.txt')).toEqual([
      [1, 'basic', 'What is a closure?', 'A function with the variables it captured.', []],
      [2, 'basic', 'What is hoisting?', 'Declarations move to the top of their scope.\nOnly **var** and functions.', []],
      [3, 'basic', 'What is the event loop?', 'It runs queued tasks when the call stack is empty.', []],
    ]);
  });

  it.each([
    ['comma', 'a?,b\nc?,d'],
    ['Pipe', 'a?|b\nc?|d'],
    ['space', 'a? b\nc? d'],
    [':', 'a?:b\nc?:d'],
  ])('#separator:%s', (sep, body) => {
    const { cards } = ankiTextFormat.parse(`#separator:${sep}\n${body}\n`);
    expect(cards.map((c) => [c.front, c.back])).toEqual([
      ['a?', 'b'],
      ['c?', 'd'],
    ]);
  });

  it('one-field lines and an unclosed quote are warnings', () => {
    const { cards, warnings } = ankiTextFormat.parse('#separator:tab\nonly one field\nq?\t"never closed\nmore');
    expect(cards.map((c) => [c.line, c.front, c.back])).toEqual([[3, 'q?', 'never closed\nmore']]);
    expect(warnings.map((w) => [w.line, w.ruleId])).toEqual([
      [3, 'unclosed-quote'],
      [2, 'one-field'],
    ]);
  });
});

describe('header-less tables: the separator is guessed', () => {
  it('a `;` deck (headerless-semicolon.csv): commas stay in the answers, a quoted `;` too, the blank line is skipped', () => {
    const deck = deckOf('headerless-semicolon.csv');
    expect(deck.layouts).toEqual(['anki-text']);
    expect(deck.warnings).toEqual([]);
    expect(deck.cards.map((c) => [c.meta.line, c.front, c.back])).toEqual([
      [1, 'Was ist ein Deadlock?', 'Zwei oder mehr Threads warten gegenseitig auf Sperren, die der andere hält, und keiner kommt weiter.'],
      [2, 'Was ist eine Race Condition?', 'Das Ergebnis hängt von der zeitlichen Reihenfolge nebenläufiger Zugriffe ab.'],
      [3, 'Optimistisches vs. pessimistisches Sperren?', 'Optimistisch: beim Schreiben die Version prüfen, bei Konflikt wiederholen; pessimistisch: vorher sperren.'],
      [4, 'Was garantiert ACID?', 'Atomarität, Konsistenz, Isolation, Dauerhaftigkeit'],
      [5, 'Was ist ein Index?', 'Eine zusätzliche Datenstruktur (meist ein B-Baum), die Suchen beschleunigt und Schreiben verlangsamt.'],
      [6, 'Was ist Normalisierung?', 'Tabellen so aufteilen, dass jede Tatsache nur einmal gespeichert ist.'],
      [7, 'Was ist ein Fremdschlüssel?', 'Eine Spalte, die auf den Primärschlüssel einer anderen Tabelle verweist.'],
      [9, 'Was bedeutet CAP?', 'Consistency, Availability, Partition tolerance: bei einer Netzpartition muss man zwischen C und A wählen.'],
    ]);
  });

  it('a `,` deck from a spreadsheet (headerless-comma-quoted.csv, CRLF): quoted commas, newlines and doubled quotes', () => {
    const deck = deckOf('headerless-comma-quoted.csv');
    expect(deck.layouts).toEqual(['anki-text']);
    expect(deck.cards.map((c) => [c.meta.line, c.front, c.back])).toEqual([
      [1, 'What is a closure?', 'A function bundled with the variables of the scope it was created in, so it can use them later.'],
      [2, 'What does the event loop do?', 'It takes the next task from the queue when the call stack is empty, then runs all microtasks, then renders.'],
      [3, 'Name three HTTP methods that are idempotent.', 'GET, PUT and DELETE.\nSending one twice has the same effect as sending it once.'],
      [5, 'What is CORS?', 'A browser rule: a page may read a response from another origin only if that origin allows it (Access-Control-Allow-Origin).'],
      // Written by hand, not exported: the backticks are the author's markdown, kept as code.
      [6, 'What does "use strict" change?', 'Silent errors throw, `this` is undefined in plain calls, and with is forbidden.'],
      [7, 'Big-O of binary search?', 'O(log n), on a sorted array.'],
    ]);
  });

  it('a `|` deck, and a tab deck under a title line', () => {
    const pipe = ankiTextFormat.parse('HTTP 200|OK\nHTTP 404|Not Found\nHTTP 503|Service Unavailable\n');
    expect(pipe.cards.map((c) => [c.front, c.back])).toEqual([
      ['HTTP 200', 'OK'],
      ['HTTP 404', 'Not Found'],
      ['HTTP 503', 'Service Unavailable'],
    ]);
    const titled = 'Linux signals\nSIGTERM\tPolite request to stop\nSIGKILL\tCannot be caught\nSIGHUP\tTerminal hung up; often reload config\n';
    expect(ankiTextFormat.detect(titled)).toBeGreaterThan(0.6);
    const { cards, warnings } = ankiTextFormat.parse(titled);
    expect(cards.map((c) => [c.line, c.front])).toEqual([
      [2, 'SIGTERM'],
      [3, 'SIGKILL'],
      [4, 'SIGHUP'],
    ]);
    expect(warnings.map((w) => [w.line, w.ruleId])).toEqual([[1, 'one-field']]);
  });

  it('a hand-written `question ; answer` list: the spaced separator, not the semicolons inside answers', () => {
    const note = [
      'Git, quickly',
      '',
      'What does `git rebase` do? ; replays your commits on top of another base; history becomes linear',
      'What is a detached HEAD? ; HEAD points at a commit, not a branch',
      'How do you undo the last commit but keep the changes? ; `git reset --soft HEAD~1`',
      'What does `git stash` do? ; shelves uncommitted changes; `git stash pop` brings them back',
      '',
    ].join('\n');
    expect(rankFormats(note)[0]?.name).toBe('anki-text');
    expect(ankiTextFormat.parse(note).cards.map((c) => [c.line, c.front, c.back])).toEqual([
      [3, 'What does `git rebase` do?', 'replays your commits on top of another base; history becomes linear'],
      [4, 'What is a detached HEAD?', 'HEAD points at a commit, not a branch'],
      [5, 'How do you undo the last commit but keep the changes?', '`git reset --soft HEAD~1`'],
      [6, 'What does `git stash` do?', 'shelves uncommitted changes; `git stash pop` brings them back'],
    ]);
  });

  it('a first row naming the columns is not a card, and names the tags column', () => {
    const sheet = 'Question;Answer;Tags\nWhat is DNS?;Names to addresses;networking\nWhat is a mutex?;A lock one thread holds at a time;concurrency os\nWhat is ARP?;IP to MAC addresses;networking\n';
    expect(ankiTextFormat.parse(sheet).cards.map((c) => [c.line, c.front, c.back, c.section])).toEqual([
      [2, 'What is DNS?', 'Names to addresses', ['networking']],
      [3, 'What is a mutex?', 'A lock one thread holds at a time', ['concurrency', 'os']],
      [4, 'What is ARP?', 'IP to MAC addresses', ['networking']],
    ]);
    expect(plausibleSeparators(sheet)).toEqual([{ separator: ';', cards: 3 }]);
  });

  it('a last column of recurring one-word tags, as older Anki exports wrote it, gives tags; other third columns stay answers', () => {
    const tagged = 'What is DNS?\tNames to addresses\tnetworking\nWhat is ARP?\tIP to MAC addresses\tnetworking layer-2\nWhat is a mutex?\tA lock\tconcurrency\n';
    expect(ankiTextFormat.parse(tagged).cards.map((c) => [c.back, c.section])).toEqual([
      ['Names to addresses', ['networking']],
      ['IP to MAC addresses', ['networking', 'layer-2']],
      ['A lock', ['concurrency']],
    ]);
    const examples = 'hola\thello\t¡Hola, amigo!\nadiós\tgoodbye\tAdiós, hasta mañana.\ngracias\tthank you\tMuchas gracias.\n';
    expect(ankiTextFormat.parse(examples).cards.map((c) => [c.back, c.section])).toEqual([
      ['hello\n\n¡Hola, amigo!', undefined],
      ['goodbye\n\nAdiós, hasta mañana.', undefined],
      ['thank you\n\nMuchas gracias.', undefined],
    ]);
  });

  it('an export with header lines still means its plain fields literally', () => {
    expect(ankiTextFormat.parse('#separator:tab\n#html:false\nWhat is *args?\tExtra `positional` arguments\n').cards[0]).toMatchObject({
      front: 'What is \\*args?',
      back: 'Extra \\`positional\\` arguments',
    });
  });
});

describe('what is not a table', () => {
  it('prose with commas (prose-with-commas.md) is not a CSV', () => {
    const text = prepareNoteText(new TextDecoder().decode(bytes('prose-with-commas.md')));
    expect(ankiTextFormat.detect(text)).toBe(0);
    expect(plausibleSeparators(text)).toEqual([]);
  });

  it('nor sentences that each have exactly one comma (sentences-with-one-comma.txt)', () => {
    const text = new TextDecoder().decode(bytes('sentences-with-one-comma.txt'));
    expect(text.split('\n').filter((line) => line.split(',').length === 2)).toHaveLength(5);
    expect(ankiTextFormat.detect(text)).toBe(0);
    expect(rankFormats(text).map((f) => f.name)).not.toContain('anki-text');
  });

  it('a markdown note of question headings whose answers each have one comma or semicolon ranks markdown first', () => {
    const note = [
      '# Databases',
      '',
      '## What is an index?',
      'A sorted copy of some columns, so lookups skip the full scan.',
      '',
      '## What is a transaction?',
      'A group of statements that commit together; all or nothing.',
      '',
      '## What is a deadlock?',
      'Two transactions each wait for the other, so neither moves.',
      '',
      '## What is replication lag?',
      'The delay before a write on the primary shows up on a replica, usually milliseconds.',
      '',
    ].join('\n');
    expect(ankiTextFormat.detect(note)).toBe(0);
    expect(rankFormats(note)[0]?.name).toBe('markdown');
  });

  it('markdown lists, Q:/A: lines and a markdown table with one comma a line are markdown', () => {
    const list = '- Latency, the time to the first byte\n- Throughput, the bytes per second\n- Jitter, the variation in latency\n- Goodput, throughput minus overhead\n';
    const labels = 'Q: What is TCP, briefly?\nA: A reliable, ordered stream.\nQ: And UDP, then?\nA: Datagrams, no promises.\n';
    const table = 'Term | Meaning\n--- | ---\nACID | Atomic, consistent, isolated, durable\nBASE | Basically available, soft state, eventually consistent\nCAP | Consistency, availability, partitions\n';
    for (const note of [list, labels, table]) {
      expect([note, ankiTextFormat.detect(note)]).toEqual([note, 0]);
      expect([note, plausibleSeparators(note)]).toEqual([note, []]);
    }
  });

  it('code whose lines end with `;` is not a table of empty answers', () => {
    const code = 'const a = 1;\nconst b = a + 1;\nlet c = a * b;\nconsole.log(c);\n';
    expect(ankiTextFormat.detect(code)).toBe(0);
  });
});

describe('ankiTextAtSeparator and plausibleSeparators (for "Cut cards at")', () => {
  const semicolonDeck = new TextDecoder().decode(bytes('headerless-semicolon.csv'));

  it('lists the separator the reader picks first, each with its card count', () => {
    expect(plausibleSeparators(semicolonDeck)).toEqual([{ separator: ';', cards: 8 }]);
    expect(plausibleSeparators(prepareNoteText(new TextDecoder().decode(bytes('headerless-comma-quoted.csv'))))).toEqual([{ separator: ',', cards: 6 }]);
    expect(plausibleSeparators(new TextDecoder().decode(bytes('notes-html.txt')))).toEqual([{ separator: '\t', cards: 6 }]);
  });

  it('lists other separators that split most lines the same way, best-fitting first, then by cards', () => {
    const both = 'a?;b,c\nd?;e,f\ng?;h,i\nj?;k,l\n';
    expect(plausibleSeparators(both)).toEqual([
      { separator: ';', cards: 4 },
      { separator: ',', cards: 4 },
    ]);
    expect(ankiTextAtSeparator(both, ',').cards.map((c) => [c.front, c.back])).toEqual([
      ['a?;b', 'c'],
      ['d?;e', 'f'],
      ['g?;h', 'i'],
      ['j?;k', 'l'],
    ]);
  });

  it('cuts at the separator it is given, over the guess and over a #separator line', () => {
    const atComma = ankiTextAtSeparator(semicolonDeck, ',');
    expect(atComma.cards.map((c) => [c.line, c.front]).slice(0, 2)).toEqual([
      [1, 'Was ist ein Deadlock?;Zwei oder mehr Threads warten gegenseitig auf Sperren'],
      // Line 2 has no comma: one field, skipped; a quote in mid-field is text.
      [3, 'Optimistisches vs. pessimistisches Sperren?;"Optimistisch: beim Schreiben die Version prüfen'],
    ]);
    const headed = '#separator:tab\n#html:false\na;b\tc\n';
    expect(ankiTextAtSeparator(headed, ';').cards.map((c) => [c.line, c.front, c.back])).toEqual([[3, 'a', 'b\tc']]);
    expect(ankiTextFormat.parse(headed).cards.map((c) => [c.front, c.back])).toEqual([['a;b', 'c']]);
  });
});

describe('readDelimited', () => {
  it('follows Anki CSV quoting and counts lines across quoted newlines', () => {
    const { records } = readDelimited('"a\nb"\t"say ""hi"""\n# comment\n\nx\ty"z\n', '\t');
    expect(records).toEqual([
      { line: 1, fields: ['a\nb', 'say "hi"'] },
      { line: 5, fields: ['x', 'y"z'] },
    ]);
  });

  it('reads a quote that closes before its field ends as the writer\'s own quotation', () => {
    expect(readDelimited('q?\t"object" (a bug)\n"a\nb" c\td\n', '\t').records).toEqual([
      { line: 1, fields: ['q?', '"object" (a bug)'] },
      // Across lines it is still CSV quoting, and the rest of the field follows it.
      { line: 2, fields: ['a\nb c', 'd'] },
    ]);
  });

  it('splits at a separator longer than one character', () => {
    expect(readDelimited('a; b ; c\n"x ; y" ; z\n', ' ; ').records).toEqual([
      { line: 1, fields: ['a; b', 'c'] },
      { line: 2, fields: ['x ; y', 'z'] },
    ]);
  });
});

describe('ankiHtmlToMarkdown', () => {
  it.each([
    ['a<br>b<br/>c', 'a\nb\nc'],
    ['<div>one</div><div>two</div>', 'one\ntwo'],
    ['<b>bold</b> and <i>it</i>', '**bold** and *it*'],
    ['<ol><li>first</li><li>second</li></ol>', '1. first\n2. second'],
    ['<span style="color:red">red</span>&nbsp;text', 'red text'],
    ['x <img src="diagram.png"> y', 'x <img src="diagram.png"> y'],
    ['# not a heading', '\\# not a heading'],
    ['<code>a &lt; b</code>', '`a < b`'],
  ])('%s', (html, markdown) => {
    expect(ankiHtmlToMarkdown(html)).toBe(markdown);
  });
});

describe('detect', () => {
  it('says yes to header lines and to tab-separated pairs', () => {
    expect(ankiTextFormat.detect('#separator:tab\n#html:true\na\tb\n')).toBeGreaterThan(0.9);
    expect(ankiTextFormat.detect('#separator:Comma\na,b\n')).toBeGreaterThan(0.9);
    expect(ankiTextFormat.detect(new TextDecoder().decode(bytes('legacy-no-headers.txt')))).toBeGreaterThan(0.5);
  });

  // The corpus manifest says, as a person would, which of its notes are Anki exports or tables.
  const corpusManifest = new URL('corpus/corpus.json', fixtureDir);
  const tableNotes = new Set(
    existsSync(corpusManifest)
      ? (JSON.parse(readFileSync(corpusManifest, 'utf8')) as Array<{ file: string; shape: string }>)
          .filter((entry) => /^anki-export|^separator-lines$/.test(entry.shape))
          .map((entry) => `corpus/${entry.file}`)
      : [],
  );
  const otherNotes: string[] = [];
  for (const dir of readdirSync(fixtureDir)) {
    if (dir === 'anki' || !statSync(new URL(dir, fixtureDir)).isDirectory()) continue;
    for (const name of readdirSync(new URL(`${dir}/`, fixtureDir))) {
      if (!name.endsWith('.json') && !tableNotes.has(`${dir}/${name}`)) otherNotes.push(`${dir}/${name}`);
    }
  }

  it('leaves every other fixture note to its own reader', () => {
    expect(otherNotes.length).toBeGreaterThan(10);
    for (const file of otherNotes) {
      const text = prepareNoteText(readFileSync(new URL(file, fixtureDir), 'utf8'));
      expect([file, ankiTextFormat.detect(text)]).toEqual([file, 0]);
      expect(rankFormats(text)[0]?.name).not.toBe('anki-text');
      expect([file, plausibleSeparators(text)]).toEqual([file, []]);
    }
  });

  it('ranks first every corpus note a person calls an Anki export or a table', () => {
    for (const file of tableNotes) {
      const text = prepareNoteText(readFileSync(new URL(file, fixtureDir), 'utf8'));
      expect([file, rankFormats(text)[0]?.name]).toEqual([file, 'anki-text']);
    }
  });

  it('a markdown note with a few tab-indented or tabbed lines is not taken', () => {
    const note = '# Notes\n\n### Q: What is X?\nX\tis a thing.\n\n```\n\tcode\n```\n\nSome prose.\nMore prose.\n';
    expect(ankiTextFormat.detect(note)).toBe(0);
  });
});

describe('never throws', () => {
  it('on random text with separators, quotes and headers', () => {
    const pieces = fc.constantFrom('\t', '"', '""', '\n', '#separator:tab\n', '#html:true\n', '#tags column:3\n', '<b>', '</ul>', '\\(', 'a', ' ', ';', ' ; ', ',', '|', '# ', '- ', '--- | ---', '{{c1::x}}');
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 60 }), (parts) => {
        const text = parts.join('');
        const result = ankiTextFormat.parse(text);
        expect(Array.isArray(result.cards)).toBe(true);
        for (const card of result.cards) expect(card.front.trim()).not.toBe('');
        const confidence = ankiTextFormat.detect(text);
        expect(confidence >= 0 && confidence <= 1).toBe(true);
        // Each listed separator gives the cards it says it gives.
        for (const { separator, cards } of plausibleSeparators(text)) {
          expect(ankiTextAtSeparator(text, separator).cards).toHaveLength(cards);
        }
      }),
      { numRuns: 300 },
    );
  });
});
