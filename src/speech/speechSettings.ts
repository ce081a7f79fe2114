// How cards are read aloud on this device: voice, rate, the pause before the back, the long-back cut
// and whether code blocks are spelled out. Kept in the settings table under one key ('speech'),
// not synced (voices differ from device to device), and normalized on the way in and out.

import { readSetting, writeSetting, type RehearseDb } from '../storage/index.ts';

/** The settings table's key for the speech settings. */
export const SPEECH_SETTINGS_KEY = 'speech';

/** Reading cards aloud, as chosen in Settings → Speech. */
export interface SpeechSettings {
  /** `SpeechSynthesisVoice.voiceURI` of the chosen voice, or null for the system default (per language). */
  voiceURI: string | null;
  /** Speech rate, 0.5–2 (1 is the voice's normal speed). */
  rate: number;
  /** Seconds between the end of the front and the start of the back, or 'tap' to wait for a tap. */
  pauseBeforeBack: number | 'tap';
  /** A back longer than this many words is cut at a sentence end and followed by "and more". */
  maxWords: number;
  /** Spell out code blocks instead of announcing them ("Python code, 12 lines"). */
  readCode: boolean;
}

export const DEFAULT_SPEECH_SETTINGS: Readonly<SpeechSettings> = Object.freeze({
  voiceURI: null,
  rate: 1,
  pauseBeforeBack: 5,
  maxWords: 60,
  readCode: false,
});

export const SPEECH_RATE_RANGE = { min: 0.5, max: 2 } as const;
export const PAUSE_RANGE_SECONDS = { min: 0, max: 60 } as const;
export const MAX_WORDS_RANGE = { min: 10, max: 1000 } as const;

function clamp(value: unknown, min: number, max: number, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : fallback;
}

/** Fills in defaults and clamps every field, so a stored value from any version (or none) is usable. */
export function normalizeSpeechSettings(value: unknown): SpeechSettings {
  const raw = (value && typeof value === 'object' ? value : {}) as Partial<Record<keyof SpeechSettings, unknown>>;
  const d = DEFAULT_SPEECH_SETTINGS;
  return {
    voiceURI: typeof raw.voiceURI === 'string' && raw.voiceURI !== '' ? raw.voiceURI : null,
    rate: Math.round(clamp(raw.rate, SPEECH_RATE_RANGE.min, SPEECH_RATE_RANGE.max, d.rate) * 100) / 100,
    pauseBeforeBack:
      raw.pauseBeforeBack === 'tap' ? 'tap' : clamp(raw.pauseBeforeBack, PAUSE_RANGE_SECONDS.min, PAUSE_RANGE_SECONDS.max, d.pauseBeforeBack as number),
    maxWords: Math.round(clamp(raw.maxWords, MAX_WORDS_RANGE.min, MAX_WORDS_RANGE.max, d.maxWords)),
    readCode: typeof raw.readCode === 'boolean' ? raw.readCode : d.readCode,
  };
}

/** This device's speech settings (defaults for anything never saved). */
export async function loadSpeechSettings(db: RehearseDb): Promise<SpeechSettings> {
  return normalizeSpeechSettings(await readSetting(db, SPEECH_SETTINGS_KEY));
}

/** Merges `changes` into the saved speech settings, normalizes, saves and returns the result. */
export async function saveSpeechSettings(db: RehearseDb, changes: Partial<SpeechSettings>): Promise<SpeechSettings> {
  let next = DEFAULT_SPEECH_SETTINGS as SpeechSettings;
  await writeSetting(db, SPEECH_SETTINGS_KEY, (current) => (next = normalizeSpeechSettings({ ...normalizeSpeechSettings(current), ...changes })));
  return next;
}
