// Numbered Q1:/A1: pairs, as interview-practice tools export them: ===== banner headings (a tier
// such as "STRONG CANDIDATES"), "Candidate: Name - Role" sub-headings underlined with dashes, and
// each answer closed by "Relevance Score: 0.800 [STRUGGLED]" and a ~~~~ rule.
import type { NoteWarning } from '../deck/types.ts';
import { lineAt } from '../text/lineIndex.ts';
import { questionFromTurn, unwrapSpokenQuotes } from '../text/questionSentences.ts';
import type { NoteFormat, ParseResult, RawCard } from './types.ts';

const QUESTION = /^\s*(?:\*\*|__)?Q(\d+)(?:\*\*|__)?\s*[:.)](?:\*\*|__)?[ \t]*(.*)$/i;
const ANSWER = /^\s*(?:\*\*|__)?A(\d+)(?:\*\*|__)?\s*[:.)](?:\*\*|__)?[ \t]*(.*)$/i;
const SCORE = /^\s*(?:\*\*)?(?:relevance\s+)?score(?:\*\*)?\s*:\s*(?:\*\*)?\s*(-?\d+(?:\.\d+)?)/i;
const BANNER_RULE = /^\s*={3,}\s*$/;
const UNDERLINE = /^\s*-{3,}\s*$/;
const CLOSING_RULE = /^\s*~{3,}\s*$/;
/** "Candidate: Jane Doe - Frontend Developer" (also Interviewee/Name/Applicant). */
const CANDIDATE_HEADING = /^\s*(?:candidate|interviewee|applicant|name)\s*:\s*(.+?)\s*$/i;

interface Pair {
  number: number;
  qLine: number; // 0-based line of the Qn label
  qStart: number; // document offset where the question text begins
  qLines: string[];
  aNumber?: number;
  aLine?: number;
  aLines: string[];
  score?: number;
  tier?: string;
  heading?: string;
  candidate?: string;
  role?: string;
}

function detectScoredPairs(text: string): number {
  const lines = text.replace(/\r\n?/g, '\n').split('\n', 20000);
  const questions = new Set<string>();
  let pairs = 0;
  let scores = 0;
  for (const line of lines) {
    const q = QUESTION.exec(line);
    if (q) {
      questions.add(q[1]!);
      continue;
    }
    const a = ANSWER.exec(line);
    if (a && questions.has(a[1]!)) pairs++;
    else if (SCORE.test(line)) scores++;
  }
  if (pairs < 2) return pairs === 1 && scores > 0 ? 0.5 : 0;
  // The signature is Qn/An pairs closed by score lines; bare Qn/An pairs are only a fair guess.
  if (scores === 0) return 0.5;
  return Math.min(0.95, 0.8 + 0.15 * Math.min(1, scores / pairs));
}

/** "Jane Doe - Frontend Developer" → name and role. */
function candidateAndRole(heading: string): { candidate: string; role?: string } {
  const parts = heading.split(/\s+[-–—]\s+/);
  if (parts.length < 2) return { candidate: heading.trim() };
  return { candidate: parts[0]!.trim(), role: parts.slice(1).join(' - ').trim() };
}

function parseScoredPairs(input: string): ParseResult {
  const text = input.replace(/\r\n?/g, '\n');
  const lines = text.split('\n');
  const warnings: NoteWarning[] = [];
  const pairs: Pair[] = [];
  let tier: string | undefined;
  let heading: string | undefined;
  let candidate: string | undefined;
  let role: string | undefined;
  let current: Pair | undefined;
  let inAnswer = false;
  let offset = 0;
  const lineOffsets: number[] = [];
  for (const line of lines) {
    lineOffsets.push(offset);
    offset += line.length + 1;
  }

  const close = () => {
    if (current) pairs.push(current);
    current = undefined;
    inAnswer = false;
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    // A banner: a title between two ===== rules. The latest one is the tier.
    if (BANNER_RULE.test(line)) {
      const title = lines[i + 1]?.trim() ?? '';
      if (title !== '' && !BANNER_RULE.test(title) && BANNER_RULE.test(lines[i + 2] ?? '')) {
        close();
        tier = title;
        heading = candidate = role = undefined;
        i += 2;
      } else {
        close();
      }
      continue;
    }
    // A sub-heading: a line underlined with dashes.
    if (UNDERLINE.test(lines[i + 1] ?? '') && line.trim() !== '' && !QUESTION.test(line) && !ANSWER.test(line)) {
      close();
      const named = CANDIDATE_HEADING.exec(line);
      heading = (named ? named[1]! : line).trim();
      ({ candidate, role } = named ? candidateAndRole(named[1]!) : { candidate: undefined, role: undefined });
      i += 1;
      continue;
    }
    const q = QUESTION.exec(line);
    if (q) {
      close();
      const qText = q[2] ?? '';
      current = {
        number: Number(q[1]),
        qLine: i,
        qStart: lineOffsets[i]! + line.length - qText.length,
        qLines: [qText],
        aLines: [],
        ...(tier !== undefined ? { tier } : {}),
        ...(heading !== undefined ? { heading } : {}),
        ...(candidate !== undefined ? { candidate } : {}),
        ...(role !== undefined ? { role } : {}),
      };
      continue;
    }
    const a = ANSWER.exec(line);
    if (a) {
      if (!current || inAnswer) {
        close();
        warnings.push({ line: i + 1, ruleId: 'orphan-answer', reason: `A${a[1]} has no question before it, so it was skipped.` });
        continue;
      }
      current.aNumber = Number(a[1]);
      current.aLine = i;
      current.aLines.push(a[2] ?? '');
      inAnswer = true;
      continue;
    }
    const score = SCORE.exec(line);
    if (score && current && inAnswer) {
      current.score = Number(score[1]);
      inAnswer = false; // the answer ends at its score; the pair stays open until the next rule or Q
      continue;
    }
    if (CLOSING_RULE.test(line)) {
      close();
      continue;
    }
    if (!current) continue;
    if (inAnswer) current.aLines.push(line);
    else if (current.aLine === undefined) current.qLines.push(line);
  }
  close();

  const cards: RawCard[] = [];
  for (const pair of pairs) {
    const card = cardFromPair(pair, lineOffsets, warnings);
    if (card) cards.push(card);
  }
  return { cards, warnings };
}

function cardFromPair(pair: Pair, lineOffsets: readonly number[], warnings: NoteWarning[]): RawCard | undefined {
  const qText = pair.qLines.join('\n');
  const question = questionFromTurn(qText);
  const front = question?.text ?? qText.replace(/\s+/g, ' ').trim();
  const line = question ? lineAt(lineOffsets, pair.qStart + question.start) : pair.qLine + 1;
  if (front === '') {
    warnings.push({ line: pair.qLine + 1, ruleId: 'empty-question', reason: `Q${pair.number} is empty, so it was skipped.` });
    return undefined;
  }
  const back = unwrapSpokenQuotes(pair.aLines.join('\n'));
  if (pair.aLine === undefined || back === '') {
    warnings.push({ line, ruleId: 'no-answer', reason: `Q${pair.number} has no answer, so it was not made a card.` });
    return undefined;
  }
  if (pair.aNumber !== undefined && pair.aNumber !== pair.number) {
    warnings.push({ line: pair.aLine + 1, ruleId: 'mismatched-number', reason: `A${pair.aNumber} answers Q${pair.number}; they were paired anyway.` });
  }
  const section = [pair.tier, pair.heading].filter((part): part is string => part !== undefined && part !== '');
  return {
    front,
    back,
    line,
    ...(section.length > 0 ? { section } : {}),
    ...(pair.tier !== undefined ? { tier: pair.tier } : {}),
    ...(pair.candidate !== undefined ? { candidate: pair.candidate } : {}),
    ...(pair.role !== undefined ? { role: pair.role } : {}),
    ...(pair.score !== undefined && Number.isFinite(pair.score) ? { score: pair.score } : {}),
  };
}

export const scoredPairsFormat: NoteFormat = {
  name: 'scored-pairs',
  label: 'numbered Q1:/A1: pairs with a relevance score',
  example: 'Q1: What is a closure?\nA1: A function that keeps the variables of the scope it was made in.',
  detect(text) {
    try {
      return detectScoredPairs(text);
    } catch {
      return 0;
    }
  },
  parse(text) {
    try {
      return parseScoredPairs(text);
    } catch (error) {
      return { cards: [], warnings: [{ line: 1, ruleId: 'scored-pairs-failed', reason: `The Q1:/A1: pairs could not be read: ${String(error)}` }] };
    }
  },
};
