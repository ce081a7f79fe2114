// Whether a heading asks a question, and the question as a card's front should ask it. Works on
// the heading's text (no `#`); the signals are the `Q:` label, a question mark in any script,
// and the words questions and interview prompts start or end with in several languages.

/**
 * `Q:`, `Q4:`, `Q4-`, `Q1.`, `Question 3:`, `Frage:`, `问：`. Without a number the label needs a
 * colon, or a dash/dot followed by a space, so `Q-learning` is not a label.
 */
const QUESTION_LABEL =
  /^(?:q(?:uestion)?|frage|pregunta|pergunta|domanda|вопрос|问题|問題|質問|问|問)(?:[ \t]*\d{1,3}[ \t]*(?:[:：]|[.)\-–—])|[ \t]*[:：]|[ \t]*[.)\-–—](?=[ \t]))[ \t]*/iu;

/** A question mark in Latin, CJK (full width), Arabic, Greek or reversed form. */
const QUESTION_MARK = /[?？؟⸮\u037e]/u;

/** Interrogatives and interview prompts a question may start with, without a question mark. */
const PROMPT_START = new RegExp(
  '^(?:' +
    [
      // English
      "what(?:'s|’s)?", 'how', 'why', 'when', 'where', 'which', 'who', 'whose',
      'explain', 'describe', 'compare', 'contrast', 'define', 'discuss', 'outline', 'differentiate',
      'distinguish', 'elaborate', 'suppose', 'imagine', 'tell me', 'tell us', 'walk (?:me|us) through',
      'give (?:an? |some )?examples?',
      // German, French, Spanish, Portuguese, Italian
      'was', 'wie', 'warum', 'wieso', 'weshalb', 'wann', 'welche[rsmn]?', 'erkläre', 'erklären', 'beschreibe',
      "qu['’]est-ce", 'quel(?:le)?s?', 'pourquoi', 'comment', 'quand', 'expliquez', 'explique', 'décrivez',
      'qué', 'cómo', 'por qué', 'cuál(?:es)?', 'cuándo', 'dónde', 'explica', 'describe',
      'o que', 'como', 'por que', 'qual', 'quais', 'explique', 'descreva',
      'cosa', 'che cosa', 'come', 'perché', 'quale', 'spiega',
      // Russian
      'что', 'как', 'почему', 'зачем', 'когда', 'какой', 'какая', 'какие', 'объясните', 'расскажите',
    ].join('|') +
    ')(?![\\p{L}\\p{N}])',
  'iu',
);

/**
 * Prompts that ask without a question mark or an opening interrogative: `equals VS ==`,
 * `Overriding vs overloading`, `Difference between A and B`, `Pros and cons of X`, `A 和 B 的区别`.
 */
const COMPARISON = /(?:^|[\s\p{P}])(?:vs\.?|versus)(?=[\s\p{P}]|$)|^(?:the\s+)?(?:differences?|similarit(?:y|ies)|pros\s+and\s+cons|advantages(?:\s+and\s+disadvantages)?|disadvantages|trade-?offs?)\s+(?:between|of|in)\b|^unterschied(?:e)?\s+zwischen|^diff[ée]rences?\s+entre|^diferencias?\s+entre|^разница\s+между|^отличия?\s/iu;

/** `What I read`, `How we scaled it`, `Why I left`: a title about the writer, not a question. */
const RELATIVE_CLAUSE = /^(?:what|how|why|when|where|which)\s+(?:i|we|my|our)\b(?!\s*\?)/iu;

/** Longest text read as a comparison prompt: past it, `vs` is a remark inside a sentence. */
const MAX_COMPARISON = 80;

/** Questions that open with an auxiliary (`Is Java pass by value`, `Can a constructor be private`). */
const AUXILIARY_START = /^(?:is|are|was|were|do|does|did|can|could|should|would|will|has|have|may|must|shall|ist|sind|kann|können|est-ce|peut-on|es|son|puede|pode|é|существует|можно|нужно|есть\s+ли)\s+\S+\s+\S/iu;

/**
 * Numbering written before a question (`2.`, `2)`, `2.1`, `No. 2.`, `#12`, `(3)`, `3、`): kept
 * out of the front and the question-likeness test; the number goes into the card's metadata.
 */
const NUMBERING = /^(?:(?:no\.?|#)[ \t]*)?(?:\((\d{1,4})\)[ \t]+|(\d{1,4}(?:\.\d{1,3})*)(?:[.):：][ \t]+|[、．][ \t]*|(?<=\d\.\d{1,3})[ \t]+))(?=\S)/iu;

/** The numbering before a question and its length; undefined when there is none. */
export function matchNumbering(text: string): { number: string; length: number } | undefined {
  const match = NUMBERING.exec(text);
  if (!match) return undefined;
  return { number: (match[1] ?? match[2])!, length: match[0].length };
}

/** CJK questions without a question mark: interrogative words, or a sentence-final particle. */
const CJK_QUESTION = /(?:什么|什麼|为什么|為什麼|怎么|怎麼|如何|哪些|是否|多少|なぜ|どうして|どのよう|何[がをでとは]|무엇|어떻게|왜)|(?:吗|嗎|呢|か|까|나요|가요)$/u;

/**
 * CJK prompts: imperatives (`请说明…`, `简述…`, `谈谈…`, `实现一个…`, `…について説明`, `설명하시오`)
 * and the words of "how / which kinds / what principle" that interview headings ask with
 * (`…是怎样的`, `有哪几种…`, `…的原理`, `…とは`).
 */
const CJK_PROMPT = /^(?:请|請|说说|說說|谈谈|談談|聊聊|简述|簡述|简要|簡要|简单说|簡單說|介绍一下|介紹一下|解释|解釋|描述|比较|比較|列举|列舉|编写|編寫|(?:实现|實現|设计|設計|完成|手写|手寫)(?:一个|一個|一下)|写出|寫出|写一个|寫一個|论述|論述|阐述|闡述)|(?:怎样|怎樣|怎么样|怎麼樣|几种|幾種|哪几|哪幾|原理|区别|區別|差异|差異|对比|對比|作用|用途|优缺点|優缺點|好处|好處|含义|含義|意义|意義|の違い|違いは|とは|について|を説明|説明して|教えて|설명|차이|이란|란)/u;

/**
 * Questions whose interrogative comes last (Turkish `… nedir`, Vietnamese `… là gì`, Indonesian
 * `… itu apa`), or first in languages the list above lacks (`apa itu`, `bagaimana`, `tại sao`).
 */
const QUESTION_WORD_END = /(?:^|\s)(?:nedir|nelerdir|nasıl(?:dır)?|neden|niçin|ne demek(?:tir)?|ne işe yarar|là gì|thế nào|như thế nào|là sao|itu apa|apa)$/iu;
const QUESTION_WORD_START = /^(?:apa itu|apa yang|apa perbedaan|bagaimana|mengapa|kenapa|kapan|jelaskan|tại sao|vì sao|làm thế nào|làm sao|hãy giải thích|giải thích|so sánh|neden|nasıl|hangi|açıklayın|açıkla)(?![\p{L}\p{N}])/iu;

/** Quotes and marks a heading may be wrapped in or trail with (`“How…?”`, `…success?"`). */
const OPENING_WRAP = /^["“”„«「『'‘]+/u;
const CLOSING_WRAP = /["“”»」』'’]+$/u;

export interface HeadingQuestion {
  /** The heading starts with a `Q:`-style label. */
  labelled: boolean;
  /** Labelled, a question mark, or a CJK question form: a new card wherever it appears. */
  explicit: boolean;
  /** Starts like a question or prompt (`Tell me about…`, `Explain…`) with no question mark. */
  promptLike: boolean;
  /** Ends with `:` and asks nothing: a label such as `Summary:` or `S – Situation:`. */
  label: boolean;
  /** The heading's text without the `Q:` label and the numbering. */
  text: string;
  /** The number written before the question (`## 3. What…`, `Q3:`), if any. */
  number?: string;
}

/** Length of a leading `Q:`-style label (and the spaces after it), 0 when there is none. */
export function questionLabelLength(text: string): number {
  return QUESTION_LABEL.exec(text)?.[0].length ?? 0;
}

/** What a heading's plain text says about it being a question. */
export function classifyHeading(plainText: string): HeadingQuestion {
  const trimmed = plainText.trim();
  const numbering = matchNumbering(trimmed);
  const unnumbered = numbering ? trimmed.slice(numbering.length) : trimmed;
  const labelLength = questionLabelLength(unnumbered);
  const labelNumber = labelLength > 0 ? /\d{1,4}/.exec(unnumbered.slice(0, labelLength))?.[0] : undefined;
  let text = unnumbered.slice(labelLength).trim();
  // `Q: 3. What…`: numbering after the label.
  const innerNumbering = labelLength > 0 ? matchNumbering(text) : undefined;
  if (innerNumbering) text = text.slice(innerNumbering.length);
  const bare = text.replace(OPENING_WRAP, '').replace(CLOSING_WRAP, '').trim();
  const unpunctuated = bare.replace(/[。.!！\s]+$/u, '');
  const asks =
    QUESTION_MARK.test(bare) || bare.startsWith('¿') || CJK_QUESTION.test(unpunctuated) || QUESTION_WORD_END.test(unpunctuated);
  const label = !asks && /[:：]$/u.test(bare);
  // `A vs B` names two things to tell apart: a question of its own wherever it stands, even under
  // another question's answer (`#### Overriding vs overloading` under `### Explain polymorphism`).
  // A noun of comparing (`方案对比`, "comparison of options") is only a prompt: under an answer it
  // is a part of that answer.
  const compares = !asks && !label && bare.length <= MAX_COMPARISON && COMPARISON.test(bare);
  const promptLike =
    !asks && !label && !compares && ((PROMPT_START.test(bare) && !RELATIVE_CLAUSE.test(bare)) || AUXILIARY_START.test(bare) || CJK_PROMPT.test(bare) || QUESTION_WORD_START.test(bare));
  const number = numbering?.number ?? labelNumber ?? innerNumbering?.number;
  return {
    labelled: labelLength > 0 && bare !== '',
    explicit: (labelLength > 0 && bare !== '') || asks || compares,
    promptLike,
    label,
    text,
    ...(number !== undefined ? { number } : {}),
  };
}

/**
 * A heading's markdown made into a card front: the `Q:` label, wrapping quotes and a stray
 * trailing quote removed; emphasis wrapped around the label (`**Q1:** What…`) removed with it.
 */
export function frontFromHeadingMarkdown(markdown: string): string {
  let front = stripNumbering(markdown.trim());
  const emphasis = /^(\*\*|__|\*|_)/.exec(front)?.[1] ?? '';
  const afterOpen = front.slice(emphasis.length);
  const labelLength = questionLabelLength(afterOpen);
  if (labelLength > 0) {
    let rest = afterOpen.slice(labelLength);
    if (emphasis && rest.startsWith(emphasis)) {
      rest = rest.slice(emphasis.length); // `**Q:** What…`
    } else if (emphasis && rest.endsWith(emphasis)) {
      rest = rest.slice(0, -emphasis.length); // `**Q: What…**`
    } else if (emphasis) {
      rest = emphasis + rest;
    }
    front = stripNumbering(rest.trim());
  }
  return unwrapQuotes(front);
}

/** `3. What…` -> `What…`, also inside emphasis (`**3. What…**`); a bare number stays. */
function stripNumbering(text: string): string {
  const emphasis = /^(\*\*|__|\*|_)/.exec(text)?.[1] ?? '';
  const inner = text.slice(emphasis.length);
  const numbering = matchNumbering(inner);
  if (!numbering || numbering.length >= inner.length) return text;
  const rest = inner.slice(numbering.length);
  // `**3.** What…`: the emphasis wrapped only the number.
  if (emphasis && rest.startsWith(emphasis)) return rest.slice(emphasis.length).trim();
  return emphasis + rest;
}

/** `“What is X?”` -> `What is X?`; a lone trailing `"` with no opening one goes too. */
export function unwrapQuotes(text: string): string {
  const opened = OPENING_WRAP.exec(text)?.[0] ?? '';
  const closed = CLOSING_WRAP.exec(text)?.[0] ?? '';
  if (opened && closed && opened.length + closed.length < text.length) {
    const inner = text.slice(opened.length, text.length - closed.length);
    // `"a" vs "b"` quotes two things; only a quote around the whole heading is a wrapper.
    if (!/["“”]/.test(inner)) return inner.trim();
    return text;
  }
  // `…success?"`: a quote closing nothing.
  if (!opened && /["”]$/.test(text) && !/["“”]/.test(text.slice(0, -1))) return text.slice(0, -1).trim();
  return text;
}
