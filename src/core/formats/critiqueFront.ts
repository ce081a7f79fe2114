// The question a critique never wrote down, inferred from its block's own words: a question the
// critique quotes, a self-introduction, or the block's most salient term. Simple, general rules:
// the front only has to remind the learner which answer to rehearse.

/** Words that never name a topic: function words and the vocabulary of critiques themselves. */
const STOPWORDS = new Set(
  (
    'the a an and or but nor of to in on at for with from by as into onto over under about after before between ' +
    'through during without within than then so such this that these those there here it its it’s it\'s they them their ' +
    'we our us you your yours i me my he she his her one two three four five first second third each every all any both ' +
    'some many much more most less few other another same different not no yes be is are was were been being am do does ' +
    'did done have has had having can could would should will shall may might must also just only even very really ' +
    'what which who whom whose when where why how if whether while because since until once again still already ' +
    'get gets got make makes made use used uses using take takes give gives say said says see seen know known ' +
    'answer answers answered question questions interview interviewer interviewers candidate candidates senior ' +
    'correct correctly accurate accurately good strong weak solid clear clearly actual actually example point level ' +
    'part way thing things mention mentioned naming name named worth knowing show shows shown showing explain ' +
    'explained describe described describing stated state missing absent gap gaps signal right wrong well better best ' +
    'model models approach concept conceptually practice practical practically specific specifically precisely ' +
    'exactly entirely essentially typically directly genuinely important key main whole full new real time times ' +
    'like look looking set sets need needs needed want wants case cases'
  ).split(' '),
);

/** The question a critique block's model answer replies to; never empty. */
export function inferCritiqueQuestion(context: readonly string[], answer: string): string {
  const quoted = quotedQuestion(context);
  if (quoted) return quoted;
  if (isSelfIntroduction(answer)) return 'Tell me about yourself.';
  const topic = salientTopic(context, answer);
  if (topic) return `How would you explain ${topic}?`;
  const opening = answer.split(/\s+/).slice(0, 8).join(' ');
  return `Model answer: ${opening}…`;
}

/** `"Why choose RAG over fine-tuning?" was answered with …`: the critique quotes the question. */
function quotedQuestion(context: readonly string[]): string | undefined {
  for (const text of context) {
    const match = /["“]([^"“”\n]{8,200}?[?？])["”]/.exec(text);
    if (match) return match[1]!.trim();
  }
  return undefined;
}

function isSelfIntroduction(answer: string): boolean {
  const firstSentence = answer.split(/(?<=[.!?])\s/)[0] ?? '';
  return (
    /^(?:hi|hello)?[,!\s]*(?:I['’]m|I am|my name is)\b/i.test(answer.trim()) &&
    /\b(?:years?|experience|background|engineer|developer|scientist|manager|analyst|designer)\b/i.test(firstSentence)
  );
}

interface Term {
  /** The word as first written (keeps `FFN` upper case). */
  shown: string;
  weight: number;
  firstAt: number;
}

/**
 * The block's most salient term, counted over the critique and (weighted higher) the model
 * answer. In order: two leading terms written side by side in a block about a trade-off
 * ("Bias² + Variance" -> "the bias–variance trade-off"); an acronym both the critique and the
 * answer use, spelled out when the block does ("the feed-forward network (FFN)"); else the top
 * term, or the two-word phrase it mostly appears in ("the load balancer").
 */
function salientTopic(context: readonly string[], answer: string): string | undefined {
  const critique = context.join('\n');
  const all = `${critique}\n${answer}`;
  const terms = new Map<string, Term>();
  let position = 0;
  const count = (text: string, weight: number) => {
    for (const word of words(text)) {
      position++;
      const key = termKey(word);
      if (!key) continue;
      const term = terms.get(key) ?? { shown: word, weight: 0, firstAt: position };
      term.weight += weight;
      terms.set(key, term);
    }
  };
  count(critique, 1);
  count(answer, 1.5);
  const ranked = [...terms.entries()].sort((a, b) => b[1].weight - a[1].weight || a[1].firstAt - b[1].firstAt);
  const [top, second] = ranked;
  if (!top || top[1].weight < 2) return undefined;

  if (second && second[1].weight >= 0.6 * top[1].weight && /\btrade-?\s?offs?\b/i.test(all)) {
    const [a, b] = top[1].firstAt <= second[1].firstAt ? [top[0], second[0]] : [second[0], top[0]];
    if (sideBySide(all, a, b)) return `the ${a}–${b} trade-off`;
  }

  const shared = ranked.find(([, term]) => isAcronym(term.shown) && critique.includes(term.shown) && answer.includes(term.shown));
  if (shared) {
    const acronym = shared[1].shown;
    const expansion = spelledOut(all, acronym);
    if (expansion) return `the ${expansion} (${acronym})`;
    const head = new RegExp(`\\b${acronym}\\s+(${HEAD_NOUNS})\\b`, 'i').exec(all)?.[1];
    return head ? `the ${acronym} ${head.toLowerCase()}` : acronym;
  }

  const phrase = leadingPhrase(all, top[0]);
  return phrase ? `the ${phrase}` : top[0];
}

/** Nouns that follow an acronym to name a concept: "the CAP theorem". */
const HEAD_NOUNS = 'theorem|principle|protocol|algorithm|pattern|architecture|layer|pipeline|framework|model|index|cache';

/** `a` and `b` written next to each other: "bias–variance", "Bias² + Variance", "bias vs. variance". */
function sideBySide(text: string, a: string, b: string): boolean {
  const join = String.raw`[^\p{L}\n]{0,4}(?:(?:vs\.?|versus|and|or)\s+)?`;
  const stem = (key: string) => key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`${stem(a)}\\p{L}*${join}${stem(b)}|${stem(b)}\\p{L}*${join}${stem(a)}`, 'iu').test(text);
}

/** The two-word phrase holding at least half of a term's uses ("load" -> "load balancer"). */
function leadingPhrase(text: string, key: string): string | undefined {
  const list = words(text);
  const phrases = new Map<string, number>();
  let uses = 0;
  list.forEach((word, i) => {
    if (termKey(word) !== key) return;
    uses++;
    const next = list[i + 1];
    const nextKey = next ? termKey(next) : undefined;
    if (next && nextKey) phrases.set(`${word} ${next}`.toLowerCase(), (phrases.get(`${word} ${next}`.toLowerCase()) ?? 0) + 1);
  });
  const [best] = [...phrases.entries()].sort((a, b) => b[1] - a[1]);
  return best && best[1] >= 2 && best[1] * 2 >= uses ? best[0] : undefined;
}

function words(text: string): string[] {
  return text.match(/\p{L}[\p{L}'’-]*\p{L}|\p{L}/gu) ?? [];
}

/** Lower case, a plain plural folded to its singular; undefined for words that name nothing. */
function termKey(word: string): string | undefined {
  if (!isAcronym(word) && word.length < 3) return undefined;
  let key = word.toLowerCase().replace(/['’]s$/, '');
  if (STOPWORDS.has(key)) return undefined;
  if (/[^s]s$/.test(key) && !/(?:is|us|as|ss)$/.test(key) && key.length > 3) key = key.slice(0, -1);
  return STOPWORDS.has(key) ? undefined : key;
}

function isAcronym(word: string): boolean {
  return /^\p{Lu}{2,6}$/u.test(word);
}

function sentences(text: string): string[] {
  return text.split(/(?<=[.!?])\s+|\n/);
}

function hasTerm(sentence: string, key: string): boolean {
  return words(sentence).some((word) => termKey(word) === key);
}

/** Words whose initials (hyphenated parts count) spell the acronym: FFN -> feed-forward network. */
function spelledOut(text: string, acronym: string): string | undefined {
  const letters = acronym.toLowerCase();
  const found = text.match(/\p{L}[\p{L}-]*/gu) ?? [];
  for (let i = 0; i < found.length; i++) {
    let initials = '';
    let j = i;
    while (j < found.length && initials.length < letters.length) {
      initials += found[j]!.split('-').filter(Boolean).map((part) => part[0]!.toLowerCase()).join('');
      j++;
      if (!letters.startsWith(initials)) break;
    }
    if (initials === letters && j - i >= 2) return found.slice(i, j).join(' ').toLowerCase();
  }
  return undefined;
}
