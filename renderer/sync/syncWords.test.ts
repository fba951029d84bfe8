import { describe, expect, it } from 'vitest';
import type { BootstrapPhase, SyncStatus } from '../../contract/sync-status';
import type { Locale } from '../../contract/common';
import { catalogues } from '../i18n/catalogues';
import { formatMoment } from '../i18n/format';
import { createTranslator } from '../i18n/translate';
import { syncOffline, syncOnline } from '../state/fakeApi.test-support';
import { syncLight } from '../state/sync';
import { syncIndicatorLines, syncIndicatorText, syncStateText } from './syncWords';

/** Times in the machine's own zone, so "10:20" reads the same wherever the tests run. */
const local = (day: number, hours: number, minutes: number) =>
  new Date(2025, 10, day, hours, minutes).toISOString();
const now = new Date(2025, 10, 23, 10, 26);

const words = (locale: Locale) => ({
  t: createTranslator(locale, catalogues[locale]),
  moment: (iso: string, seconds?: boolean) => formatMoment(iso, now, locale, seconds),
});

const offlineAt1020 = (patch: Partial<SyncStatus> = {}) =>
  syncOffline({ offlineSince: local(23, 10, 20), ...patch });

describe('the status bar’s indicator of the link to HQ', () => {
  it('is green and says online when nothing waits', () => {
    expect(syncLight(syncOnline())).toBe('ready');
    expect(syncIndicatorText(words('en'), syncOnline())).toBe('HQ online');
  });

  it('is amber and says since when the till is offline, and what waits', () => {
    const status = offlineAt1020({ queueDepth: 1 });
    expect(syncLight(status)).toBe('warning');
    expect(syncIndicatorText(words('ru'), status)).toBe('Нет связи с 10:20 · 1 в очереди');
    expect(syncIndicatorText(words('en'), status)).toBe('Offline since 10:20 AM · 1 waiting');
  });

  it('puts the state and what waits on two lines of the status bar', () => {
    expect(syncIndicatorLines(words('ru'), offlineAt1020({ queueDepth: 1 }))).toEqual({
      state: 'Нет связи с 10:20',
      waiting: '1 в очереди',
    });
    expect(syncIndicatorLines(words('ru'), syncOnline())).toEqual({ state: 'Офис на связи', waiting: null });
  });

  it('counts what waits in the language’s plural', () => {
    expect(syncIndicatorText(words('en'), offlineAt1020({ queueDepth: 3 }))).toBe(
      'Offline since 10:20 AM · 3 waiting',
    );
    expect(syncIndicatorText(words('zh-CN'), offlineAt1020({ queueDepth: 12 }))).toBe(
      '10:20 起离线 · 12 条待发送',
    );
  });

  it('names the day of an outage that began before today', () => {
    const status = offlineAt1020({ offlineSince: local(22, 18, 4), queueDepth: 0 });
    expect(syncIndicatorText(words('en'), status)).toBe('Offline since Nov 22, 06:04 PM');
  });

  it('shows sales waiting while online, as they are being sent', () => {
    expect(syncIndicatorText(words('en'), syncOnline({ queueDepth: 4 }))).toBe('HQ online · 4 waiting');
  });

  it('is red and sends staff to the sync page when HQ refuses the till, whatever waits', () => {
    const refused = syncOffline({ state: 'refused', queueDepth: 3 });
    expect(syncLight(refused)).toBe('problem');
    expect(syncIndicatorText(words('en'), refused)).toBe('HQ refused — see sync page');
  });

  it('is grey and says not connected before the till is enrolled, whatever waits', () => {
    const notEnrolled = syncOnline({ state: 'not-enrolled', lastSuccessAt: null, queueDepth: 2 });
    expect(syncLight(notEnrolled)).toBe('absent');
    expect(syncIndicatorText(words('en'), notEnrolled)).toBe('Not connected to HQ');
  });
});

describe('the indicator of a till preparing from HQ’s data', () => {
  const preparing = (phase: BootstrapPhase) =>
    syncOnline({
      state: 'preparing',
      queueDepth: 2,
      bootstrap: {
        phase,
        streams: [{ stream: 'catalogue', state: 'downloading', done: 5000, expected: 500_000 }],
        bytes: 2_000_000,
        resumes: 0,
        startedAt: local(23, 10, 25),
        finishedAt: null,
        error:
          phase === 'failed'
            ? { at: local(23, 10, 26), stream: 'catalogue', code: 'SNAPSHOT_INVALID', message: 'item 7' }
            : null,
      },
    });

  it('is amber and says the till is preparing, counting the sales that wait as usual', () => {
    expect(syncLight(preparing('downloading'))).toBe('warning');
    expect(syncIndicatorText(words('en'), preparing('downloading'))).toBe('Preparing till… · 2 waiting');
    expect(syncIndicatorLines(words('ru'), preparing('resuming')).state).toBe('Подготовка кассы…');
  });

  it('is red and sends staff to the sync page when the download stopped', () => {
    expect(syncLight(preparing('failed'))).toBe('problem');
    expect(syncIndicatorLines(words('en'), preparing('failed')).state).toBe('Till not ready — see sync page');
    expect(syncIndicatorLines(words('zh-CN'), preparing('failed')).state).toBe(
      '收银台未就绪 — 请查看同步页面',
    );
  });

  it('heads the sync page with what preparing means for the sales, and what to do once it stopped', () => {
    expect(syncStateText(words('en'), preparing('downloading'))).toMatch(
      /^Preparing the till: .*Sales go on/,
    );
    expect(syncStateText(words('en'), preparing('failed'))).toBe(
      'Preparing the till stopped: see why below, then retry. Sales go on as usual.',
    );
  });
});

describe('the sync page’s headline', () => {
  it('tells staff that sales go on while offline', () => {
    expect(syncStateText(words('en'), offlineAt1020())).toBe(
      'Offline since 10:20 AM. Sales go on as usual: they are kept on the till and sent when HQ is back.',
    );
  });
});
