// Speech settings: defaults for what was never saved, clamped values, kept per device and not synced.
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SPEECH_SETTINGS,
  loadSpeechSettings,
  normalizeSpeechSettings,
  saveSpeechSettings,
  SPEECH_SETTINGS_KEY,
} from '../../src/speech/speechSettings.ts';
import { openTestDb } from '../storage/helpers.ts';

describe('speech settings', () => {
  it('gives the defaults when nothing was saved', async () => {
    const db = await openTestDb();
    expect(await loadSpeechSettings(db)).toEqual({ voiceURI: null, rate: 1, pauseBeforeBack: 5, maxWords: 60, readCode: false });
    expect(await loadSpeechSettings(db)).toEqual(DEFAULT_SPEECH_SETTINGS);
  });

  it('merges changes, keeps them across loads, and writes nothing for sync', async () => {
    const db = await openTestDb();
    const outboxBefore = await db.syncOutbox.count();
    expect(await saveSpeechSettings(db, { rate: 1.5, voiceURI: 'Google Deutsch' })).toMatchObject({ rate: 1.5, voiceURI: 'Google Deutsch', maxWords: 60 });
    await saveSpeechSettings(db, { pauseBeforeBack: 'tap' });
    expect(await loadSpeechSettings(db)).toEqual({ voiceURI: 'Google Deutsch', rate: 1.5, pauseBeforeBack: 'tap', maxWords: 60, readCode: false });
    expect(await db.syncOutbox.count()).toBe(outboxBefore);
    expect((await db.settings.get(SPEECH_SETTINGS_KEY))?.value).toMatchObject({ rate: 1.5 });
  });

  it('clamps out-of-range values and drops the wrong types', () => {
    expect(normalizeSpeechSettings({ rate: 9, pauseBeforeBack: -3, maxWords: 2.4e6, readCode: 'yes', voiceURI: 42 })).toEqual({
      voiceURI: null, rate: 2, pauseBeforeBack: 0, maxWords: 1000, readCode: false,
    });
    expect(normalizeSpeechSettings({ rate: 0.1, pauseBeforeBack: 'soon', maxWords: Number.NaN })).toMatchObject({ rate: 0.5, pauseBeforeBack: 5, maxWords: 60 });
    expect(normalizeSpeechSettings('garbage')).toEqual(DEFAULT_SPEECH_SETTINGS);
  });
});
