// Which sentences of an interviewer's turn are the question. Interviewers wrap the question in
// praise ("Great answer."), transitions ("Now, let's move on.") and lead-ins ("Before we wrap
// up, …"); a flashcard should ask only the question, plus the one sentence it points back to
// ("that framework"). Shared by the transcript and scored-pairs formats. Rules go by sentence
// shape, never by the wording of a particular note.

/** A sentence of a text, with its place: `start`/`end` are offsets into that text. */
export interface Sentence {
  text: string;
  start: number;
  end: number;
}

/** What a sentence does in an interviewer's turn. */
export type SentenceRole =
  | 'ask' // a question, or an imperative asking for an answer ("Explain …", "Walk me through …")
  | 'hint' // a prompt that belongs to the question around it ("Think about performance.")
  | 'ack' // acknowledgment or greeting ("Thanks, Jane.", "You're right that …", "Hi there!")
  | 'praise' // evaluation of the answer ("That's a great explanation.", "It's impressive that …")
  | 'transition' // moving the conversation along ("Now, let's move on to …")
  | 'lead-in' // a sentence that only announces what follows ("Here's my next question:")
  | 'statement';

/** The question part of a turn, ready for a card's front. */
export interface QuestionText {
  /** The asking sentences (with a context sentence first when they point back to it), on one line. */
  text: string;
  /** Offset, in the turn, of the first character the front's text comes from. */
  start: number;
  /** Whether a context sentence was kept in front of the question. */
  withContext: boolean;
}

// --- sentence splitting --------------------------------------------------------------------

/** Abbreviations that end in a dot without ending the sentence, even before a capital. */
const NON_FINAL_ABBREVIATIONS = new Set([
  'dr', 'mr', 'mrs', 'ms', 'prof', 'sr', 'jr', 'st', 'mt', 'gen', 'lt', 'col', 'capt', 'sgt', 'rev',
  'vs', 'cf', 'eg', 'ie', 'approx', 'no', 'fig', 'vol', 'dept',
]);

const TERMINATOR = /([.!?…]+|[？。！]+)(["”’')\]*_]*)/g;
const LIST_ITEM = /^\s*(?:[-*+•]|\d{1,3}[.)])\s+/;
const HEADING = /^\s*#{1,6}\s/;

/**
 * Splits text into sentences with their offsets. Blank lines and line breaks after closing
 * punctuation end a sentence; a line break inside a sentence (hard-wrapped text) does not. A dot
 * ends a sentence only before a capital, a digit or an opening mark, and not after a title such as
 * "Dr." or an initial. `？` `。` `！` end a sentence with or without a space after them.
 */
export function splitSentences(text: string): Sentence[] {
  const sentences: Sentence[] = [];
  for (const segment of lineSegments(text)) {
    let from = segment.start;
    const body = text.slice(segment.start, segment.end);
    TERMINATOR.lastIndex = 0;
    for (let match = TERMINATOR.exec(body); match; match = TERMINATOR.exec(body)) {
      const end = match.index + match[0].length;
      if (!endsSentence(body, match.index, match[1]!, end)) continue;
      pushSentence(text, from, segment.start + end, sentences);
      from = segment.start + end;
    }
    pushSentence(text, from, segment.end, sentences);
  }
  return sentences;
}

function endsSentence(body: string, at: number, mark: string, end: number): boolean {
  if (/^[？。！]/.test(mark)) return true;
  if (end < body.length && !/\s/.test(body[end]!)) return false;
  // Look at the next word without copying the rest of the text (keeps long paragraphs linear).
  let next = end;
  while (next < body.length && /\s/.test(body[next]!)) next++;
  if (next >= body.length) return true;
  // Lower-case next word: "Inc. leading", "e.g. the", "Hmm... not sure" go on.
  if (/\p{Ll}/u.test(body[next]!)) return false;
  if (mark === '.') {
    const word = /([\p{L}.]{1,20})$/u.exec(body.slice(Math.max(0, at - 20), at))?.[1] ?? '';
    const bare = word.replace(/\./g, '').toLowerCase();
    if (NON_FINAL_ABBREVIATIONS.has(bare)) return false;
    if (/^\p{Lu}$/u.test(word)) return false; // an initial: "J. Smith"
  }
  return true;
}

function pushSentence(text: string, from: number, to: number, out: Sentence[]): void {
  const raw = text.slice(from, to);
  const lead = raw.length - raw.trimStart().length;
  const trimmed = raw.trim();
  if (trimmed === '') return;
  out.push({ text: trimmed, start: from + lead, end: from + lead + trimmed.length });
}

/** Runs of lines that may hold one sentence across a line break; offsets into `text`. */
function lineSegments(text: string): { start: number; end: number }[] {
  const segments: { start: number; end: number }[] = [];
  let start = -1;
  let end = 0;
  let offset = 0;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const lineStart = offset;
    offset += line.length + 1;
    if (line.trim() === '') {
      if (start >= 0) segments.push({ start, end });
      start = -1;
      continue;
    }
    if (start >= 0 && (LIST_ITEM.test(line) || HEADING.test(line))) {
      segments.push({ start, end });
      start = -1;
    }
    if (start < 0) start = lineStart;
    end = lineStart + line.length;
    const closes = /[.!?:…？。！：]["”’')\]*_]*\s*$/.test(line) || HEADING.test(line);
    if (closes) {
      segments.push({ start, end });
      start = -1;
    }
  }
  if (start >= 0) segments.push({ start, end });
  return segments;
}

// --- sentence roles --------------------------------------------------------------------------

/** Words that open a question or a request for an answer. */
const ASK_OPENER =
  /^(?:please\s+)?(?:(?:can|could|would|will|do|did|does|have|has|had|are|is|were|was|should|may|might)\s+(?:you|we|i|it|this|that|there|one)\b|(?:how|what|why|when|where|which|who|whom|whose)\b|tell\s+(?:me|us)\b|explain\b|describe\b|(?:walk|talk|take)\s+(?:me|us)\s+through\b|give\s+(?:me|us|an?)\b|share\b|list\b|name\b|compare\b|contrast\b|define\b|outline\b|discuss\b|elaborate\b|provide\b|show\s+(?:me|us)\b|summari[sz]e\b|design\b|implement\b|write\b|sketch\b|estimate\b|propose\b|suggest\b|justify\b|illustrate\b|derive\b|calculate\b|identify\b|go\s+through\b|help\s+me\s+understand\b|let\s+me\s+know\b|i(?:'d|’d| would)\s+(?:like|love)\s+(?:you\s+to|to\s+(?:hear|know|understand|learn))\b|i\s+want\s+you\s+to\b|i(?:'m|’m| am)\s+curious\s+(?:about|how|what|why|whether|if)\b)/i;

/** Imperatives that steer an answer rather than ask a new question. */
const HINT_OPENER =
  /^(?:please\s+)?(?:think\s+(?:about|of)|consider|imagine|suppose|assume|keep\s+in\s+mind|focus\s+on|feel\s+free|be\s+(?:specific|concrete|precise|as)|include|mention|touch\s+on|bonus|hint)\b/i;

/** Acknowledgment and greetings: never part of a card. */
const ACK_OPENER =
  /^(?:thanks|thank\s+you|many\s+thanks|ok(?:ay)?|alright|all\s+right|right|yes|yeah|yep|sure|got\s+it|understood|noted|fair\s+enough|welcome|hi|hello|hey|good\s+(?:morning|afternoon|evening)|nice\s+to\s+meet|pleased\s+to\s+meet|i\s+see[.!,]|i\s+understand|you(?:'re|’re| are)\s+(?:correct|right|absolutely|spot\s+on|on\s+the\s+right\s+track)|(?:that's|that’s|that\s+is)\s+(?:correct|right|true)|exactly|correct|indeed|certainly|absolutely|i\s+appreciate|appreciate|i(?:'m|’m| am)\s+glad)\b/i;

/** Praise and evaluation of the last answer. */
const PRAISE_OPENER =
  /^(?:great|good|excellent|fantastic|wonderful|perfect|nice|awesome|brilliant|superb|lovely|impressive|interesting|wow|well\s+(?:done|said|put)|good\s+(?:job|work|point)|nice\s+(?:job|work)|very\s+(?:good|nice|well|impressive|interesting)|what\s+a\b|how\s+(?:interesting|impressive|great|wonderful)\b|(?:that|this)(?:'s|’s|\s+is|\s+was|\s+sounds|\s+makes|\s+gives|\s+shows|\s+highlights|\s+demonstrates)|(?:these|those)\s+(?:are|were)|it(?:'s|’s|\s+is|\s+was)\s+(?:great|good|nice|a\s+pleasure|wonderful|clear|impressive|fascinating|interesting|helpful|encouraging|exciting|reassuring|obvious|evident)|it\s+(?:sounds|seems|looks)|sounds\s+(?:good|great|like)|(?:you've|you’ve|you\s+have)\s+(?:clearly|made|given|covered|done|touched|provided|articulated|explained|demonstrated|shown|outlined|described|highlighted)|you\s+(?:clearly|correctly|nicely|rightly|really)\b|your\s+(?:answer|explanation|response|overview|summary|example|point|description|grasp|understanding)\b|i\s+(?:like|love|really\s+like)\b|i(?:'m|’m| am)\s+impressed)/i;

/** Sentences that move the conversation along. */
const TRANSITION_OPENER =
  /^(?:(?:now|so|okay|ok|alright|all\s+right|next|great|good|well)\s*,?\s+)?(?:let's|let’s|let\s+us|let\s+me|we(?:'ll|’ll|\s+will)|i(?:'d|’d|\s+would)\s+like\s+to|i\s+want\s+to|i(?:'ll|’ll|\s+will)|time\s+to|moving\s+on|switching\s+gears|shifting\s+gears|changing\s+gears|turning\s+(?:now\s+)?to|on\s+to|onto|next\s+up|here(?:'s|’s|\s+is)\s+(?:another|my|the|a|one)|(?:my|the|our)\s+(?:next|last|final)\s+question|(?:this|that|which)\s+(?:leads|brings)\s+(?:us|me))/i;

/** Pure lead-ins in front of an asking clause, up to its comma: "Before we wrap up, …". */
const LEAD_IN_CLAUSE = new RegExp(
  '^(?:' +
    [
      'so|and|also|now|then|next|well|okay|ok|alright|all\\s+right|finally|lastly|first(?:ly)?|second(?:ly)?|third(?:ly)?|additionally|moreover|furthermore|in\\s+addition|on\\s+that\\s+note|speaking\\s+of\\s+which',
      'before\\s+we\\s+(?:wrap|conclude|finish|end|close|move|go|dive|get|start|begin)',
      '(?:given|considering|based\\s+on|building\\s+on|in\\s+light\\s+of|keeping|with)\\s+(?:this|these|those|that\\s+in\\s+mind|this\\s+in\\s+mind|your|what\\s+you|our|the\\s+(?:job|role|position))',
      'to\\s+(?:dive|dig|go|get|move|shift|switch|turn|wrap|start|begin|kick|follow|build|round|close|finish|tie)\\b',
      'going\\s+back\\s+to|returning\\s+to|turning\\s+to|moving\\s+on|switching\\s+gears|shifting\\s+gears|following\\s+(?:up|on)|as\\s+a\\s+follow-?up|related\\s+to\\s+(?:this|that)|along\\s+(?:those|these)\\s+lines|in\\s+that\\s+(?:vein|spirit)|on\\s+a\\s+related\\s+note',
      '(?:last|final|one\\s+more|another|quick)\\s+(?:one|question|thing)|for\\s+(?:my|the|our)\\s+(?:next|last|final)\\s+question|as\\s+(?:my|a|our)\\s+(?:next|last|final)\\s+question',
    ].join('|') +
    ')[^,?？:]{0,120},\\s+',
  'i',
);

const DECORATION = new Set([...' \t\n\r"“”\'‘’*_()[]']);

/** The sentence without quotes, emphasis and brackets around it. A loop, not a regex: a regex
 * anchored at the end backtracks quadratically over a long run of spaces. */
function core(sentence: string): string {
  let from = 0;
  let to = sentence.length;
  while (from < to && DECORATION.has(sentence[from]!) && sentence[from] !== ')' && sentence[from] !== ']') from++;
  while (to > from && DECORATION.has(sentence[to - 1]!) && sentence[to - 1] !== '(' && sentence[to - 1] !== '[' && sentence[to - 1] !== '‘' && sentence[to - 1] !== '“') to--;
  return sentence.slice(from, to);
}

/** "**Michael**, thank you …" → "thank you …": a leading name before a comma. */
function withoutVocative(text: string): string {
  return text.replace(/^(?:dr\.?\s+|mr\.?\s+|ms\.?\s+|mrs\.?\s+)?\p{Lu}[\p{L}'’-]*(?:\s+\p{Lu}[\p{L}'’-]*)?[*_]*\s*,\s+/u, '');
}

/** True when the sentence asks: ends in `?` / `？`, or opens like a question or request. */
export function isAsking(sentence: string): boolean {
  const text = core(sentence);
  if (/[?？]$/.test(text)) return true;
  const bare = core(stripLeadIn(text));
  return ASK_OPENER.test(bare) && !/:$/.test(text);
}

/** The role a sentence plays in an interviewer's turn. */
export function sentenceRole(sentence: string): SentenceRole {
  const text = core(sentence);
  if (text === '') return 'statement';
  if (/[?？]$/.test(text)) return 'ask';
  if (/[:：]$/.test(text)) return 'lead-in';
  for (const candidate of [text, core(withoutVocative(text))]) {
    if (ACK_OPENER.test(candidate)) return 'ack';
    if (PRAISE_OPENER.test(candidate)) return 'praise';
    if (TRANSITION_OPENER.test(candidate)) return 'transition';
  }
  const bare = core(stripLeadIn(text));
  if (HINT_OPENER.test(bare)) return 'hint';
  if (ASK_OPENER.test(bare)) return 'ask';
  return 'statement';
}

/**
 * Drops a pure lead-in clause before an asking clause and capitalizes what is left:
 * "Before we wrap up, do you have any questions?" → "Do you have any questions?". Conditions
 * and premises ("If the cache is cold, how …", "Given a sorted array, …") are kept.
 */
export function stripLeadIn(sentence: string): string {
  let text = sentence;
  for (let round = 0; round < 3; round++) {
    const prefix = /^[\s*_"“]*/.exec(text)![0];
    const rest = text.slice(prefix.length);
    const clause = LEAD_IN_CLAUSE.exec(rest) ?? praiseClause(rest);
    if (!clause) break;
    const after = rest.slice(clause[0].length);
    if (!ASK_OPENER.test(core(after)) && !HINT_OPENER.test(core(after))) break;
    text = prefix + capitalize(after);
  }
  return text;
}

/** "Great, can you …" / "Thanks for that, could you …": an ack or praise clause before the ask. */
function praiseClause(text: string): RegExpExecArray | null {
  const clause = /^[^,?？:]{1,60},\s+/.exec(text);
  if (!clause) return null;
  const head = clause[0];
  return ACK_OPENER.test(head) || PRAISE_OPENER.test(head) ? clause : null;
}

function capitalize(text: string): string {
  return text.replace(/^([\s*_"“]*)(\p{Ll})/u, (_, lead: string, letter: string) => lead + letter.toUpperCase());
}

// --- back-references -----------------------------------------------------------------------

const PREPOSITIONS = new Set([
  'in', 'on', 'of', 'about', 'during', 'from', 'for', 'with', 'at', 'to', 'into', 'through', 'behind',
  'by', 'under', 'over', 'after', 'before', 'within', 'across', 'around', 'regarding', 'using', 'beyond',
  'throughout', 'via', 'like', 'onto', 'upon', 'towards', 'toward',
]);

/** Words after a demonstrative that show it is not pointing at a noun of an earlier sentence. */
const NOT_A_REFERENT = new Set([
  'is', 'was', 'are', 'were', 'be', 'been', 'has', 'have', 'had', 'does', 'do', 'did', 'will', 'would',
  'can', 'could', 'should', 'may', 'might', 'must', 'means', 'meant', 'makes', 'made', 'seems', 'sounds',
  'works', 'you', 'we', 'they', 'it', 'i', 'he', 'she', 'the', 'a', 'an', 'your', 'our', 'their', 'my',
  'which', 'what', 'how', 'when', 'where', 'why', 'who', 'if', 'and', 'or', 'but', 'as', 'one', 'ones',
  // Nouns that name the interview itself, not something said earlier.
  'role', 'position', 'job', 'company', 'team', 'interview', 'conversation', 'question', 'questions',
  'case', 'way', 'regard', 'respect', 'sense', 'point', 'time', 'moment', 'stage', 'end', 'matter',
]);

/** Adverbs that follow a pronoun "this"/"these" before its verb: "This also helps", "These often …". */
const ADVERBS = /^(?:\w+ly|also|often|not|further|very|only|just|still|even|then|all|both|now|again|alone|already|never|always|usually|sometimes)$/;

/** A demonstrative pointing back: "that framework", "these reductions", a bare "this". */
export interface BackReference {
  /** The noun pointed at, lower-case; '' for a bare "this"/"that". */
  noun: string;
  /** Offset of the demonstrative in the sentence. */
  index: number;
}

/**
 * Demonstratives that point at something outside the sentence: "this/these/those + noun",
 * "that + noun" after a preposition or a verb of doing ("in that app", "achieve that speedup"),
 * and a bare "this"/"that" closing a clause ("Can you expand on that?"). "that" as a conjunction
 * ("explain that models …") is not one.
 */
export function backReferences(sentence: string): BackReference[] {
  const words = [...sentence.matchAll(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu)];
  const found: BackReference[] = [];
  words.forEach((match, i) => {
    const word = match[0].toLowerCase();
    if (word !== 'this' && word !== 'that' && word !== 'these' && word !== 'those') return;
    const index = match.index;
    const after = sentence.slice(index + match[0].length, index + match[0].length + 12);
    const next = words[i + 1];
    const adjacent = next && /^[\s*_]+$/.test(sentence.slice(index + match[0].length, next.index));
    if (!adjacent) {
      // A bare demonstrative: a pointer when it closes the clause ("… on that?").
      if ((word === 'this' || word === 'that') && /^[\s*_]*(?:[?？.!,;]|$)/.test(after)) found.push({ noun: '', index });
      return;
    }
    const noun = next[0].toLowerCase();
    // "We tackled this by …": the demonstrative stands alone before a preposition.
    if (PREPOSITIONS.has(noun)) {
      if (word === 'this' || word === 'that') found.push({ noun: '', index });
      return;
    }
    if (NOT_A_REFERENT.has(noun) || ADVERBS.test(noun)) return;
    // "This allows …", "This involved …", "those powering …": a pronoun before a verb.
    if ((word === 'this' || word === 'that') && (/(?:ed)$/.test(noun) || (/s$/.test(noun) && !/(?:ss|us|is)$/.test(noun)))) return;
    if ((word === 'these' || word === 'those') && /ing$/.test(noun)) return;
    if (word === 'that' && !demonstrativeThat(words[i - 1]?.[0] ?? '', noun)) return;
    found.push({ noun, index });
  });
  return found;
}

/** Words after which "that" opens a clause ("sure that …", "explain that …"), not a pointer. */
const CLAUSE_TAKERS = new Set([
  'say', 'said', 'says', 'think', 'thought', 'believe', 'know', 'knew', 'mean', 'means', 'meant', 'show',
  'shows', 'showed', 'explain', 'mention', 'mentioned', 'mentions', 'notice', 'noticed', 'argue', 'claim',
  'suggest', 'suggests', 'assume', 'feel', 'hope', 'realize', 'realise', 'find', 'found', 'note', 'noted',
  'agree', 'prove', 'verify', 'ensure', 'sure', 'clear', 'true', 'possible', 'likely', 'important',
  'impressive', 'so', 'such', 'fact', 'given', 'now', 'is', 'was', 'be', 'are', 'were', 'seems', 'see',
  'saw', 'hear', 'heard', 'understand', 'except', 'confident', 'aware', 'glad', 'great', 'good',
]);

/**
 * "that" before a noun points back after a preposition or a verb ("in that app", "isolate that
 * failure"). After a verb of saying or an adjective ("sure that you …"), or before a verb
 * ("the framework that reduced …", "a system that scales"), it opens a clause instead; a
 * demonstrative "that" never takes a plural noun, so a word ending in -s there is a verb.
 */
function demonstrativeThat(before: string, next: string): boolean {
  const previous = before.toLowerCase();
  if (PREPOSITIONS.has(previous)) return true;
  if (CLAUSE_TAKERS.has(previous)) return false;
  // "metrics that track …": after a plural noun, "that" opens a relative clause.
  if (/[^s]s$/.test(previous)) return false;
  if (/(?:ed|ly)$/.test(next) || (/s$/.test(next) && !/(?:ss|us|is)$/.test(next))) return false;
  return !/^(?:you|we|they|it|i|he|she|there)(?:['’]\w+)?$/.test(next);
}

/** True when `noun` (or a word of the same stem) appears in `text`. */
export function mentions(text: string, noun: string): boolean {
  if (noun === '') return false;
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.some((word) => sameStem(word, noun));
}

function sameStem(a: string, b: string): boolean {
  if (a === b || a === `${b}s` || b === `${a}s` || a === `${b}es` || b === `${a}es`) return true;
  let common = 0;
  while (common < a.length && common < b.length && a[common] === b[common]) common++;
  return common >= 5 && common >= 0.6 * Math.min(a.length, b.length);
}

// --- the question of a turn ----------------------------------------------------------------

/** Sentences with lead-ins split off: "Here's another question: How …?" is two sentences. */
function refinedSentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  for (const sentence of splitSentences(text)) {
    const colon = /^([^:：?？]{3,120}?[:：])\s+/.exec(sentence.text);
    const head = colon?.[1];
    if (colon && head && !isAsking(head.replace(/[:：]$/, '')) && isAsking(sentence.text.slice(colon[0].length))) {
      out.push({ text: head, start: sentence.start, end: sentence.start + head.length });
      const restStart = sentence.start + colon[0].length;
      out.push({ text: sentence.text.slice(colon[0].length), start: restStart, end: sentence.end });
    } else {
      out.push(sentence);
    }
  }
  return out;
}

/**
 * The question an interviewer's turn asks, or `undefined` when the turn asks nothing.
 *
 * The question is the last run of asking sentences (with hint sentences around it); lead-in
 * clauses are dropped from it. When it points back to something it does not name itself
 * ("that framework"), the sentence before it is kept as context, unless that sentence is a mere
 * acknowledgment, or praise that does not name the thing pointed at.
 */
export function questionFromTurn(turn: string): QuestionText | undefined {
  const sentences = refinedSentences(turn);
  const roles = sentences.map((sentence) => sentenceRole(sentence.text));
  let last = roles.lastIndexOf('ask');
  if (last < 0) return undefined;
  let first = last;
  while (first > 0 && (roles[first - 1] === 'ask' || roles[first - 1] === 'hint')) first--;
  while (last + 1 < roles.length && roles[last + 1] === 'hint') last++;

  const block = sentences.slice(first, last + 1).map((sentence) => ({ ...sentence, text: stripLeadIn(sentence.text) }));
  const context = contextSentence(sentences, roles, first, block.map((sentence) => sentence.text));
  const parts = context ? [context, ...block] : block;
  const text = balanceEmphasis(parts.map((part) => oneLine(part.text)).join(' '));
  // Where the front's text starts: past any lead-in that was cut from the first sentence.
  const cut = context ? 0 : Math.max(0, sentences[first]!.text.length - block[0]!.text.length);
  const start = context ? context.start : sentences[first]!.start + cut;
  return { text, start, withContext: Boolean(context) };
}

function contextSentence(sentences: Sentence[], roles: SentenceRole[], first: number, block: string[]): Sentence | undefined {
  const references = unresolvedReferences(block);
  if (references.length === 0) return undefined;
  let index = first - 1;
  // Step over a transition or lead-in standing between the thing named and the question.
  for (let skipped = 0; index >= 0 && skipped < 2 && (roles[index] === 'transition' || roles[index] === 'lead-in'); skipped++) index--;
  if (index < 0) return undefined;
  const role = roles[index]!;
  const sentence = sentences[index]!;
  if (role === 'statement') return sentence;
  if (role === 'praise' && references.some((ref) => mentions(sentence.text, ref.noun))) return sentence;
  return undefined;
}

/** Back-references in the question that the question's own earlier words do not resolve. */
function unresolvedReferences(block: string[]): BackReference[] {
  const unresolved: BackReference[] = [];
  let earlier = '';
  for (const sentence of block) {
    for (const ref of backReferences(sentence)) {
      const before = `${earlier} ${sentence.slice(0, ref.index)}`;
      if (!mentions(before, ref.noun)) unresolved.push(ref);
    }
    earlier += ` ${sentence}`;
  }
  return unresolved;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Cutting sentences can leave half of a `**bold**` pair; drop the markers rather than open one. */
export function balanceEmphasis(text: string): string {
  let out = text;
  if ((out.match(/\*\*/g)?.length ?? 0) % 2 === 1) out = out.replace(/\*\*/g, '');
  if ((out.match(/__/g)?.length ?? 0) % 2 === 1) out = out.replace(/__/g, '');
  const singles = out.replace(/\*\*/g, '').match(/\*/g)?.length ?? 0;
  if (singles % 2 === 1) out = out.replace(/(?<!\*)\*(?!\*)/g, '');
  return out;
}

/**
 * Removes the quotes a transcript puts around a whole spoken turn: `"I'd start with …"`. Spoken
 * text over several paragraphs may reopen the quote at each paragraph without closing it (the
 * print convention); those opening quotes go too.
 */
export function unwrapSpokenQuotes(text: string): string {
  const trimmed = text.trim();
  const wrapped = trimmed.length >= 2 && /^["“]/.test(trimmed) && /["”]$/.test(trimmed);
  if (!wrapped) return trimmed;
  return trimmed
    .slice(1, -1)
    .trim()
    .split(/(\n[ \t]*\n)/)
    .map((paragraph) => {
      const quotes = paragraph.match(/["“”]/g)?.length ?? 0;
      return /^["“]/.test(paragraph) && quotes % 2 === 1 ? paragraph.slice(1) : paragraph;
    })
    .join('');
}
