// Generated notes for bench:convert: one per shape and inline syntax the converter reads, each
// made of varied, realistic interview-prep content drawn from a seeded PRNG, so the benchmark
// meets paragraphs, lists, code and markup of changing length rather than one repeated line.
import { seededRandom } from '../../src/core/random.ts';

/** The shapes a note can be written in, as the bench names them. */
export const NOTE_SHAPES = [
  'headings',
  'bold-prompts',
  'numbered',
  'qa-blank-lines',
  'qa-no-blank-lines',
  'double-colon',
  'triple-colon',
  'question-mark-line',
  'remnote-arrows',
  'remnote-descriptor',
  'highlight-cloze',
  'anki-cloze',
  'details',
  'qa-tables',
  'anki-text',
  'transcript',
] as const;

export type NoteShape = (typeof NOTE_SHAPES)[number];

/** What each shape looks like, in a few words, for the bench's table. */
export const SHAPE_LABELS: Record<NoteShape, string> = {
  headings: '## What is X? + answer',
  'bold-prompts': '**Q3. What is X?** + answer, ---',
  numbered: '1. What is X? + answer',
  'qa-blank-lines': 'Q:/A: with blank lines',
  'qa-no-blank-lines': 'Q:/A: without blank lines',
  'double-colon': 'front::back',
  'triple-colon': 'front:::back',
  'question-mark-line': 'question / ? / answer',
  'remnote-arrows': 'front >> back',
  'remnote-descriptor': 'front ;; back',
  'highlight-cloze': '==cloze==',
  'anki-cloze': '{{c1::cloze}}',
  details: '<details><summary>',
  'qa-tables': '| Question | Answer |',
  'anki-text': 'Anki text, tab-separated',
  transcript: 'Interviewer:/Candidate:',
};

const TERMS = [
  'a hash map', 'a B-tree', 'gradient descent', 'backpropagation', 'a closure', 'a database index', 'a mutex',
  'dropout', 'batch normalization', 'the CAP theorem', 'a Bloom filter', 'consistent hashing', 'TCP slow start',
  'a race condition', 'memoization', 'L2 regularization', 'k-fold cross-validation', 'the bias-variance trade-off',
  'an LSM tree', 'a vector clock', 'a write-ahead log', 'a load balancer', 'a circuit breaker', 'eventual consistency',
  'two-phase commit', 'a Merkle tree', 'the attention mechanism', 'a transformer encoder', 'beam search',
  'a convolutional layer', 'a recurrent network', 'word embeddings', 'a random forest', 'gradient boosting',
  'principal component analysis', 'a support vector machine', 'logistic regression', 'the softmax function',
  'a learning-rate schedule', 'early stopping', 'a confusion matrix', 'the ROC curve', 'precision and recall',
  'a feature store', 'a message queue', 'a rate limiter', 'a CDN', 'a reverse proxy', 'sharding', 'replication',
  'a deadlock', 'a semaphore', 'garbage collection', 'reference counting', 'tail-call optimization', 'a trie',
  'a heap', 'Dijkstra’s algorithm', 'dynamic programming', 'a topological sort', 'union-find', 'a skip list',
  'copy-on-write', 'virtual memory', 'a page fault', 'a context switch', 'an event loop', 'a promise',
  'dependency injection', 'the observer pattern', 'a REST API', 'GraphQL', 'gRPC streaming', 'OAuth 2.0',
  'a JSON Web Token', 'CORS', 'HTTP/2 multiplexing', 'TLS session resumption', 'DNS caching', 'a vector database',
  'retrieval-augmented generation', 'fine-tuning with LoRA', 'quantization', 'knowledge distillation',
  'a tokenizer', 'byte-pair encoding', 'positional encoding', 'layer normalization', 'the Adam optimizer',
  'a variational autoencoder', 'a GAN', 'contrastive learning', 'an A/B test', 'a p-value', 'Bayesian inference',
];

const NOUNS = [
  'the working set', 'each request', 'the hot keys', 'every write', 'the training loss', 'the gradients',
  'the cache line', 'the lock', 'the query plan', 'the batch', 'the partition', 'the replica', 'the tail latency',
  'the model weights', 'the validation score', 'the feature vector', 'the index pages', 'the event queue',
  'the heap', 'the token budget', 'the embedding table', 'the retry budget', 'the error rate',
];
const VERBS = [
  'keeps', 'bounds', 'spreads', 'reorders', 'caches', 'merges', 'splits', 'batches', 'compresses', 'replays',
  'tracks', 'rebalances', 'normalizes', 'deduplicates', 'prunes', 'streams', 'serializes', 'hashes', 'samples',
];
const PLACES = [
  'in memory', 'on disk', 'across nodes', 'per worker', 'inside one transaction', 'at the edge', 'in the GPU',
  'behind a queue', 'in a sorted run', 'in the client', 'between epochs', 'at write time', 'at read time',
];
const EFFECTS = [
  'reads stay fast even under load', 'a single failure does not stall the system', 'memory stays bounded',
  'the model generalizes better', 'throughput scales with the number of machines', 'latency drops by an order of magnitude',
  'the result is deterministic', 'retries are safe', 'the hot path avoids a lock', 'training converges in fewer steps',
  'the variance of the estimate falls', 'no update is lost', 'old readers keep a consistent view',
];
const CAVEATS = [
  'The cost is extra memory.', 'It breaks down when the data is skewed.', 'Tuning it takes care.',
  'It adds one network round trip.', 'The trade-off is weaker consistency.', 'It needs a good hash function.',
  'It is easy to get wrong under concurrency.', 'Monitoring it matters more than configuring it.',
  'In practice the constant factors dominate.', 'It only pays off at scale.',
];
const QUESTION_TEMPLATES = [
  'What is {t}?', 'How does {t} work?', 'Why would you use {t}?', 'When does {t} fail?',
  'Explain {t} and give an example.', 'What is the difference between {t} and {u}?', 'How would you test {t}?',
  'What are the trade-offs of {t}?', 'Describe how {t} is implemented.', 'Which problems does {t} solve?',
  'How would you explain {t} to a junior engineer?', 'What can go wrong with {t} in production?',
  'How do {t} and {u} interact?', 'Walk me through {t}.', 'Compare {t} with {u}.',
];
const CODE_SNIPPETS = [
  ['def lookup(table, key):', '    slot = hash(key) % len(table)', '    return table[slot]'],
  ['for epoch in range(epochs):', '    loss = step(model, batch)', '    if loss < best:', '        best = loss'],
  ['const cache = new Map();', 'function get(key) {', '  if (!cache.has(key)) cache.set(key, load(key));', '  return cache.get(key);', '}'],
  ['SELECT user_id, count(*)', 'FROM events', 'WHERE day = current_date', 'GROUP BY user_id;'],
  ['with lock:', '    counter += 1'],
  ['std::vector<int> v{3, 1, 2};', 'std::sort(v.begin(), v.end());'],
];
const PRAISE = [
  'Great, thanks.', 'That makes sense.', 'Good answer.', 'Interesting.', 'Thanks for walking me through that.',
  'Okay, understood.', 'Nice, that is clear.', 'Right.',
];

/** Draws from the pools; every note of a shape and seed is the same, byte for byte. */
class Writer {
  readonly random: () => number;
  private questionNumber = 0;

  constructor(seed: number) {
    this.random = seededRandom(seed);
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)]!;
  }

  between(low: number, high: number): number {
    return low + Math.floor(this.random() * (high - low + 1));
  }

  chance(p: number): boolean {
    return this.random() < p;
  }

  term(): string {
    return this.pick(TERMS);
  }

  question(): string {
    const t = this.term();
    let u = this.term();
    if (u === t) u = this.pick(TERMS);
    const number = this.chance(0.3) ? ` (case ${this.between(2, 999)})` : '';
    const text = this.pick(QUESTION_TEMPLATES).replace('{t}', t).replace('{u}', u);
    return number ? text.replace(/([?.])$/, `${number}$1`) : text;
  }

  nextNumber(): number {
    return ++this.questionNumber;
  }

  /** One sentence, with inline markup now and then. */
  sentence(): string {
    let subject = capitalize(this.term());
    if (this.chance(0.15)) subject = `**${subject}**`;
    let object = this.pick(NOUNS);
    if (this.chance(0.12)) object = `\`${object.replace(/^the /, '').replace(/ /g, '_')}\``;
    const parts = [`${subject} ${this.pick(VERBS)} ${object} ${this.pick(PLACES)}, so ${this.pick(EFFECTS)}.`];
    if (this.chance(0.3)) parts.push(this.pick(CAVEATS));
    if (this.chance(0.08)) parts.push(`In the worst case it costs $O(n \\log n)$ for $n = ${this.between(10, 99999)}$ items.`);
    if (this.chance(0.1)) parts.push(`We measured ${this.between(2, 40)}% fewer errors after ${this.between(2, 30)} days.`);
    return parts.join(' ');
  }

  paragraph(maxSentences = 4): string {
    const sentences: string[] = [];
    for (let i = this.between(1, maxSentences); i > 0; i--) sentences.push(this.sentence());
    // Hard-wrapped sometimes, as notes copied from an editor often are.
    return this.chance(0.3) ? sentences.join('\n') : sentences.join(' ');
  }

  list(): string {
    const items: string[] = [];
    for (let i = this.between(2, 5); i > 0; i--) items.push(`- ${this.sentence()}`);
    return items.join('\n');
  }

  code(): string {
    const language = this.pick(['python', 'js', 'sql', 'cpp', '']);
    return ['```' + language, ...this.pick(CODE_SNIPPETS), '```'].join('\n');
  }

  /** A multi-block markdown answer: paragraphs, now and then a list or a fence. */
  answer(): string {
    const blocks = [this.paragraph()];
    for (let i = this.between(0, 2); i > 0; i--) {
      const roll = this.random();
      blocks.push(roll < 0.25 ? this.list() : roll < 0.35 ? this.code() : this.paragraph(3));
    }
    return blocks.join('\n\n');
  }

  /** An answer of lines with no blank line between them (for layouts where a blank line ends it). */
  tightAnswer(): string {
    const lines = [this.sentence()];
    if (this.chance(0.4)) lines.push(this.sentence());
    if (this.chance(0.2)) lines.push(this.list());
    return lines.join('\n');
  }

  /** A one-line answer for line syntaxes. */
  shortAnswer(): string {
    const sentence = this.sentence();
    return this.chance(0.5) ? sentence : sentence.replace(/, so .*$/, '.');
  }

  section(): string {
    return capitalize(this.term().replace(/^(?:a|an|the) /, ''));
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The next block of a note of `shape` (a card or a few, with whatever lies between them). */
function block(shape: NoteShape, w: Writer, index: number): string {
  const newSection = index % 40 === 0;
  switch (shape) {
    case 'headings': {
      const head = newSection ? `# ${w.section()}\n\n` : '';
      return `${head}## ${w.question()}\n\n${w.answer()}\n\n`;
    }
    case 'bold-prompts': {
      const head = newSection ? `## ${w.section()}\n\n` : '';
      return `${head}**Q${w.nextNumber()}. ${w.question()}**\n\n${w.answer()}\n\n---\n\n`;
    }
    case 'numbered': {
      // Numbering restarts under each section title, as in notes copied from a PDF.
      const head = newSection ? `${w.section()}\n\n` : '';
      const number = (index % 40) + 1;
      return `${head}${number}. ${w.question()}\n${w.tightAnswer()}\n\n${w.chance(0.4) ? w.paragraph(2) + '\n\n' : ''}`;
    }
    case 'qa-blank-lines':
      return `Q: ${w.question()}\nA: ${w.tightAnswer()}\n\n`;
    case 'qa-no-blank-lines':
      return `Q: ${w.question()}\nA: ${w.shortAnswer()}\n${w.chance(0.3) ? w.sentence() + '\n' : ''}`;
    case 'double-colon':
      return `${newSection ? `\n## ${w.section()}\n\n` : ''}${w.question()}::${w.shortAnswer()}\n`;
    case 'triple-colon':
      return `${newSection ? `\n## ${w.section()}\n\n` : ''}${capitalize(w.term())}:::${w.shortAnswer()}\n`;
    case 'question-mark-line':
      return `${w.question()}\n?\n${w.tightAnswer()}\n\n`;
    case 'remnote-arrows':
      return `${newSection ? `\n## ${w.section()}\n\n` : ''}${w.question()} >> ${w.shortAnswer()}\n`;
    case 'remnote-descriptor':
      return `${newSection ? `\n## ${w.section()}\n\n` : ''}${capitalize(w.term())} ;; ${w.shortAnswer()}\n`;
    case 'highlight-cloze': {
      const gap = w.pick(NOUNS).replace(/^the /, '');
      const second = w.chance(0.4) ? ` It works ==${w.pick(PLACES)}==.` : '';
      return `${capitalize(w.term())} ${w.pick(VERBS)} the ==${gap}== ${w.pick(PLACES)}, so ${w.pick(EFFECTS)}.${second}\n\n`;
    }
    case 'anki-cloze': {
      const gap = w.pick(NOUNS).replace(/^the /, '');
      const second = w.chance(0.4) ? ` It works {{c2::${w.pick(PLACES)}::where}}.` : '';
      return `${capitalize(w.term())} ${w.pick(VERBS)} the {{c1::${gap}}} ${w.pick(PLACES)}, so ${w.pick(EFFECTS)}.${second}\n\n`;
    }
    case 'details':
      return `${newSection ? `## ${w.section()}\n\n` : ''}<details>\n<summary>${w.question()}</summary>\n\n${w.answer()}\n\n</details>\n\n`;
    case 'qa-tables': {
      const rows: string[] = [];
      for (let i = w.between(8, 30); i > 0; i--) rows.push(`| ${w.question()} | ${w.shortAnswer().replace(/\|/g, '\\|')} |`);
      return `## ${w.section()}\n\n| Question | Answer |\n| --- | --- |\n${rows.join('\n')}\n\n`;
    }
    case 'anki-text': {
      const back = w.chance(0.3)
        ? `"${w.sentence()}<br>${w.sentence().replace(/\*\*/g, '')}\n${w.pick(CAVEATS)}"`
        : w.shortAnswer().replace(/\*\*([^*]+)\*\*/g, '<b>$1</b>');
      return `${w.question()}\t${back}\t${w.section().toLowerCase().replace(/\W+/g, '_')}\n`;
    }
    case 'transcript': {
      const lead = w.chance(0.6) ? `${w.pick(PRAISE)} ` : '';
      const spoken = w.answer().replace(/```[\s\S]*?```/g, '').replace(/\n{3,}/g, '\n\n').trim();
      return `Interviewer: ${lead}${w.question()}\n\nCandidate: ${spoken}\n\n`;
    }
  }
}

function header(shape: NoteShape, w: Writer): string {
  switch (shape) {
    case 'anki-text':
      return '#separator:tab\n#html:true\n#tags column:3\n';
    case 'transcript':
      return `Mock interview: ${w.section()}\nDate: 2024-0${w.between(1, 9)}-1${w.between(0, 9)}\n\n`;
    case 'numbered':
      return 'Interview Questions and Answers\n\n';
    default:
      return `# Interview notes: ${w.section()}\n\n`;
  }
}

/** A note of `shape` of about `bytes` UTF-8 bytes (cut at a block boundary), the same for a seed. */
export function generateNote(shape: NoteShape, bytes: number, seed = 1): string {
  const w = new Writer(seed * 7919 + NOTE_SHAPES.indexOf(shape));
  const parts = [header(shape, w)];
  let size = Buffer.byteLength(parts[0]!);
  for (let index = 0; size < bytes; index++) {
    const next = block(shape, w, index);
    parts.push(next);
    size += Buffer.byteLength(next);
  }
  return parts.join('');
}
