// A speaker transcript: "Interviewer: …" / "Candidate: …" turns, each running over paragraphs
// until the next speaker label. A card is an interviewer question with the candidate's next turn
// as its answer. The two speakers are found by their labels, the asking side by its questions.
import type { NoteWarning } from '../deck/types.ts';
import { lineAt, lineStarts } from '../text/lineIndex.ts';
import { questionFromTurn, unwrapSpokenQuotes } from '../text/questionSentences.ts';
import type { NoteFormat, ParseResult, RawCard } from './types.ts';

/** A speaker label at the start of a line: `Name:`, `**Name:**`, `**Name**:`, `Name：`. */
const LABEL = /^(?:\*\*|__)?([\p{Lu}\p{Lo}][\p{L}\p{N} .'’&()-]{0,39}?)(?:\*\*|__)?\s*[:：](?:\*\*|__)?[ \t]*(.*)$/u;

/** Labels that belong to other layouts (Q:/A:, Q1:/A1:) or are not speakers at all. */
const NOT_A_SPEAKER = /^(?:(?:q|a|question|answer|pregunta|respuesta|pergunta|resposta|frage|antwort|réponse|reponse|domanda|risposta|vraag|antwoord|pytanie|odpowiedź|soru|cevap|вопрос|ответ|问|答|问题|回答|答案|問題|質問|回答|解答|答え|질문|답변|답|câu hỏi|trả lời)(?: ?\d+)?|q\d+|a\d+|https?|note|notes|example|summary|score|relevance score)$/iu;

/** A rule line (=====, -----, ~~~~~) closes the turn above it: reports and headers are not speech. */
const RULE = /^\s*([=\-~_*#])\1{2,}\s*$/;

/** Agent tool calls pasted into a transcript. */
const TOOL_NOISE = /^[ \t]*(?:tool_code|tool_output|tool_call|function_call|```tool)\b|\bdefault_api\.\w+[ \t]*\(|^[ \t]*print[ \t]*\(/m;

/**
 * The interviewer's closing turn: an invitation, addressed to the candidate, to ask their own
 * questions ("Do you have any questions for me?", "Anything you'd like to ask us?", "你有什么问题要问我吗？").
 * Matched on the asking sentence of a turn, by meaning: questions *for me/us*, *to ask*, *about
 * the role*, or any (other/final) questions with nothing after them.
 */
const INVITATION: readonly RegExp[] = [
  /\bquestions?\s+(?:for|to\s+ask)\s+(?:me|us|the\s+team|our\s+team|the\s+panel)\b/i,
  /\bquestions?\s+(?:that\s+)?(?:i|we)\s+(?:can|could|might)\s+(?:help|answer|clarify)/i,
  /\bquestions?\s+(?:from|on)\s+your\s+(?:side|end|part)\b/i,
  /\bwhat\s+(?:other\s+|more\s+|further\s+)?questions?\s+do\s+you\s+have\b/i,
  /\bquestions?\s+(?:[\w'’]+\s+){0,4}?(?:about|on|regarding)\s+(?:the|this|our)\s+(?:role|position|job|team|company|opportunity|process|culture|next\s+steps)\b/i,
  /\b(?:anything|something)\s+(?:else\s+)?(?:that\s+)?you(?:['’]d|\s+would|\s+want|\s+wanted|\s+wish)?\s+(?:like\s+)?to\s+(?:ask|know)\b/i,
  /\b(?:like|want|wish)\s+to\s+ask\s+(?:me|us)\b/i,
  /\bask\s+(?:me|us)\s+(?:anything|something)\b/i,
  /\b(?:do|does|would)\s+you\s+have\s+(?:any|some)?\s*(?:other|more|further|final|last|remaining|additional)?\s*questions?\s*[?？]/i,
  /^(?:and\s+)?(?:any|what)\s+(?:other|more|further|final|last|remaining|additional)?\s*questions?\s*(?:do\s+you\s+have\s*)?[?？]/i,
  // Chinese, Japanese, Korean
  /(?:问题|疑问)?(?:要|想|需要)(?:问|了解|请教)(?:我|我们|一下)?的?(?:吗|么|嘛|呢)?\s*[?？]/u,
  /(?:还有|有没有|有)(?:什么|其他|别的)(?:问题|疑问)(?:吗|么|嘛|呢)?\s*[?？]/u,
  /反问/u,
  /(?:何か|なにか)?ご?質問(?:は|が)?(?:あります|ございます|ありません)か/u,
  /(?:질문|궁금한\s*(?:점|것))[^?？]{0,12}(?:있으신가요|있나요|있으세요|있습니까|있으십니까|있어요)/u,
  // German, French, Spanish, Portuguese, Italian, Russian
  /\b(?:haben|hast)\s+(?:sie|du)\s+(?:noch\s+)?(?:irgendwelche\s+|weitere\s+)?fragen\b|\bfragen\s+(?:an\s+(?:mich|uns)|ihrerseits)/iu,
  /(?:avez-vous|as-tu|vous\s+avez|tu\s+as)\s+(?:des|d['’]autres|quelques)\s+questions|questions?\s+(?:pour\s+(?:moi|nous)|à\s+(?:me|nous)\s+poser)/iu,
  /\btienes?n?\s+(?:alguna|algunas|otra|otras|más)?\s*preguntas?|preguntas?\s+para\s+(?:m[ií]|nosotros)/iu,
  /(?:você|vocês|tu)\s+(?:tem|têm|tens)\s+(?:alguma|algumas|mais)?\s*perguntas?|perguntas?\s+para\s+(?:mim|nós)/iu,
  /\b(?:hai|ha|avete)\s+(?:qualche|delle|altre)\s+domand[ae]/iu,
  /у\s+(?:вас|тебя)\s+(?:есть\s+)?(?:ещё\s+|еще\s+)?(?:какие-(?:нибудь|то)\s+|какие\s+)?вопросы|вопросы\s+(?:ко\s+мне|к\s+нам)/iu,
];

/** Questions about the task in hand are clarifications, not the closing invitation. */
const ABOUT_THE_TASK = /\b(?:problem|task|exercise|requirements?|prompt|assignment|constraints?|so\s+far|before\s+(?:we|you)\s+(?:start|begin|dive))\b|题目|这道题|課題|문제|aufgabe|problème|exercice|problema|ejercicio|tarefa|задач/iu;

/** Whether every asking sentence of a front invites the candidate's own questions. */
export function isInvitationToAsk(front: string): boolean {
  const asks = front.split(/(?<=[?？])\s*/).map((part) => part.trim()).filter((part) => /[?？]$/.test(part));
  return asks.length > 0 && asks.every((ask) => !ABOUT_THE_TASK.test(ask) && INVITATION.some((pattern) => pattern.test(ask)));
}

/** Names that say which side asks, used only when the questions do not tell. */
const ASKER_NAME = /interviewer|recruiter|host|examiner|panel|hiring|manager|moderator/i;

interface Label {
  line: number; // 0-based
  speaker: string; // normalized
  /** Offset in the line where the turn's text begins. */
  textStart: number;
  hasText: boolean;
}

interface Turn {
  speaker: string;
  line: number; // 0-based line of the label
  /** Offset in the document where the turn's text begins, and its text. */
  start: number;
  text: string;
}

function normalizeSpeaker(name: string): string {
  return name.replace(/\s+/g, ' ').trim().toLowerCase();
}

function labelOf(line: string, index: number): Label | undefined {
  const match = LABEL.exec(line);
  if (!match) return undefined;
  const name = match[1]!.trim();
  if (name.split(/\s+/).length > 4 || NOT_A_SPEAKER.test(name)) return undefined;
  const rest = match[2] ?? '';
  if (/^\/\//.test(rest)) return undefined; // a URL
  return { line: index, speaker: normalizeSpeaker(name), textStart: line.length - rest.length, hasText: rest.trim() !== '' };
}

function speakerLabels(lines: readonly string[]): Label[] {
  const labels: Label[] = [];
  lines.forEach((line, index) => {
    const label = labelOf(line, index);
    if (label?.hasText) labels.push(label);
  });
  return labels;
}

/**
 * The two most frequent speakers, most frequent first; none unless each speaks at least twice: a
 * dialogue takes turns, while two labels said once each (`**Short answer:**`, `**Reason:**` under
 * two question headings) are lead-ins of answers.
 */
function mainSpeakers(labels: readonly Label[]): [string, string] | undefined {
  const counts = new Map<string, number>();
  for (const label of labels) counts.set(label.speaker, (counts.get(label.speaker) ?? 0) + 1);
  const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  if (ranked.length < 2 || ranked[1]![1] < 2) return undefined;
  return [ranked[0]![0], ranked[1]![0]];
}

/** Share of consecutive turns of the two speakers where the speaker changes. */
function alternation(labels: readonly Label[], speakers: readonly string[]): number {
  const sequence = labels.filter((label) => speakers.includes(label.speaker)).map((label) => label.speaker);
  if (sequence.length < 2) return 0;
  let changes = 0;
  for (let i = 1; i < sequence.length; i++) if (sequence[i] !== sequence[i - 1]) changes++;
  return changes / (sequence.length - 1);
}

interface Shape {
  speakers: [string, string];
  /** Labels of the two speakers. */
  turns: number;
  /** Their share of all `Name: text` lines; low when the labels are "Situation:", "Goal:" … */
  share: number;
  alternation: number;
}

/** Two speakers taking turns, or `undefined` when the labels do not look like a dialogue. */
function transcriptShape(lines: readonly string[]): Shape | undefined {
  // Q1:/A1: pairs are the scored-pairs layout, even when it names a "Candidate:".
  const numberedPairs = lines.filter((line) => /^\s*(?:\*\*)?[QA]\d+(?:\*\*)?\s*[:.)]/.test(line)).length;
  if (numberedPairs >= 4) return undefined;
  const labels = speakerLabels(lines);
  const speakers = mainSpeakers(labels);
  if (!speakers) return undefined;
  const turns = labels.filter((label) => speakers.includes(label.speaker)).length;
  // Header fields ("Date:", "Position:") above the first turn do not count against the dialogue.
  const first = labels.findIndex((label) => speakers.includes(label.speaker));
  const share = turns / (labels.length - first);
  const shape = { speakers, turns, share, alternation: alternation(labels, speakers) };
  return shape.share >= 0.75 && shape.alternation >= 0.6 ? shape : undefined;
}

function detectTranscript(text: string): number {
  const normalized = text.replace(/\r\n?/g, '\n');
  const shape = transcriptShape(normalized.split('\n', 20000));
  if (!shape) return 0;
  const paragraphs = normalized.split(/\n[ \t]*\n/).filter((block) => block.trim() !== '').length;
  // Speech makes up the file: a turn label opens a good share of its paragraphs.
  const density = Math.min(1, shape.turns / Math.max(1, paragraphs) / 0.2);
  if (density < 0.5) return 0.3 * density;
  const quality = (shape.alternation + shape.share + density) / 3;
  return shape.turns >= 4 ? 0.8 + 0.15 * quality : 0.5 + 0.2 * quality;
}

function splitTurns(lines: readonly string[], speakers: readonly string[]): Turn[] {
  const turns: Turn[] = [];
  let current: { speaker: string; line: number; start: number; lines: string[] } | undefined;
  let offset = 0;
  const close = () => {
    if (!current) return;
    turns.push({ speaker: current.speaker, line: current.line, start: current.start, text: current.lines.join('\n') });
    current = undefined;
  };
  lines.forEach((line, index) => {
    const lineStart = offset;
    offset += line.length + 1;
    const label = labelOf(line, index);
    if (label && speakers.includes(label.speaker)) {
      close();
      current = { speaker: label.speaker, line: index, start: lineStart + label.textStart, lines: [line.slice(label.textStart)] };
    } else if (RULE.test(line)) {
      close();
    } else if (current) {
      current.lines.push(line);
    }
  });
  close();
  return turns;
}

function endsWithQuestion(text: string): boolean {
  return /[?？]["”'’*_)]*$/.test(text.trimEnd());
}

/** The side whose turns end in questions; the name decides a tie. */
function askingSpeaker(turns: readonly Turn[], speakers: readonly [string, string]): string {
  const share = (speaker: string) => {
    const own = turns.filter((turn) => turn.speaker === speaker && !TOOL_NOISE.test(turn.text));
    return own.length === 0 ? 0 : own.filter((turn) => endsWithQuestion(turn.text)).length / own.length;
  };
  const [a, b] = speakers;
  const difference = share(a) - share(b);
  if (Math.abs(difference) > 0.05) return difference > 0 ? a : b;
  if (ASKER_NAME.test(b) && !ASKER_NAME.test(a)) return b;
  return a;
}

function parseTranscript(input: string): ParseResult {
  const text = input.replace(/\r\n?/g, '\n');
  const lines = text.split('\n');
  const shape = transcriptShape(lines);
  if (!shape) return { cards: [], warnings: [] };
  const { speakers } = shape;
  const turns = splitTurns(lines, speakers);
  const asker = askingSpeaker(turns, speakers);
  const starts = lineStarts(text);
  const cards: RawCard[] = [];
  const warnings: NoteWarning[] = [];
  let noise = 0;
  let firstNoiseLine = 0;
  let invited = false;
  let closing = 0;
  let firstClosingLine = 0;

  for (let i = 0; i < turns.length; i++) {
    const turn = turns[i]!;
    if (turn.speaker !== asker) continue;
    if (TOOL_NOISE.test(turn.text)) {
      // The tool call and the reply it got are both noise.
      noise++;
      firstNoiseLine ||= turn.line + 1;
      const reply = turns[i + 1];
      if (reply && reply.speaker !== asker) {
        noise++;
        i++;
      }
      continue;
    }
    const question = questionFromTurn(turn.text);
    if (!question) continue;
    const line = lineAt(starts, turn.start + question.start);
    // The answer is every turn of the other side up to the next question.
    const answers: string[] = [];
    for (let j = i + 1; j < turns.length && turns[j]!.speaker !== asker; j++) {
      const answer = withoutTrailingSpaces(unwrapSpokenQuotes(turns[j]!.text));
      if (answer !== '') answers.push(answer);
    }
    // The reply to "any questions for me?" is the candidate's own questions: nothing to recall.
    // Only a prepared set of them (two or more), the first time, is worth rehearsing as a card.
    if (isInvitationToAsk(question.text)) {
      if (invited || questionCount(answers.join('\n\n')) < 2) {
        closing++;
        firstClosingLine ||= line;
        continue;
      }
      invited = true;
    }
    if (answers.length === 0) {
      warnings.push({ line, ruleId: 'no-answer', reason: `The question "${shorten(question.text)}" has no answer after it, so it was not made a card.` });
      continue;
    }
    cards.push({ front: question.text, back: answers.join('\n\n'), line });
  }
  if (noise > 0) {
    warnings.push({
      line: firstNoiseLine,
      ruleId: 'skipped-noise',
      reason: `${noise} ${noise === 1 ? 'turn was' : 'turns were'} skipped as tool noise.`,
    });
  }
  if (closing > 0) {
    warnings.push({
      line: firstClosingLine,
      ruleId: 'closing-turn',
      reason: `${closing} ${closing === 1 ? 'turn' : 'turns'} inviting the candidate's own questions ${closing === 1 ? 'was' : 'were'} not made ${closing === 1 ? 'a card' : 'cards'}: the replies are questions for the interviewer, not answers.`,
    });
  }
  return { cards, warnings };
}

/** Sentences that end in a question mark. */
function questionCount(text: string): number {
  return (text.match(/？|\?(?=["”'’)\]*_]*(?:\s|$))/g) ?? []).length;
}

/** Spaces left at the end of a paragraph mean nothing; inside one they would read as a hard break. */
function withoutTrailingSpaces(text: string): string {
  const lines = text.split('\n');
  return lines
    .map((line, i) => (i === lines.length - 1 || line.trim() === '' || lines[i + 1]!.trim() === '' ? line.trimEnd() : line))
    .join('\n');
}

function shorten(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

export const transcriptFormat: NoteFormat = {
  name: 'transcript',
  label: 'a speaker transcript (interviewer and candidate turns)',
  example: 'Interviewer: What is overfitting?\nCandidate: When a model learns the noise in its training data.',
  detect(text) {
    try {
      return detectTranscript(text);
    } catch {
      return 0;
    }
  },
  parse(text) {
    try {
      return parseTranscript(text);
    } catch (error) {
      return { cards: [], warnings: [{ line: 1, ruleId: 'transcript-failed', reason: `The transcript could not be read: ${String(error)}` }] };
    }
  },
};
