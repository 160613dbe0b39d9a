import { describe, expect, it } from 'vitest';
import { TRIAGE_DEFAULTS, triage, visitedHighRiskArea, type TriageInput } from './triage';

const calm: TriageInput = { temperature: 36.6, symptoms: [], healthCodeColor: 'green', visitedHighRiskArea: false, employerHasHotel: false };

describe('second-level triage', () => {
  it('sends a green code without fever home', () => {
    expect(triage(calm)).toEqual({ disposition: 'home_observation', reasons: ['none'], abnormalTemperature: false });
  });

  it('treats 37.3 °C as abnormal and 37.2 °C as normal', () => {
    expect(triage({ ...calm, temperature: 37.3 }).disposition).toBe('fever_clinic');
    expect(triage({ ...calm, temperature: 37.2 }).disposition).toBe('home_observation');
  });

  it('takes the fever threshold from configuration', () => {
    expect(triage({ ...calm, temperature: 37.3 }, { ...TRIAGE_DEFAULTS, feverCelsius: 37.5 }).disposition).toBe('home_observation');
    expect(triage({ ...calm, temperature: 37.0 }, { ...TRIAGE_DEFAULTS, feverCelsius: 37.0 }).disposition).toBe('fever_clinic');
  });

  it('sends symptoms to the fever clinic even without fever', () => {
    expect(triage({ ...calm, symptoms: ['cough'] })).toEqual({ disposition: 'fever_clinic', reasons: ['symptoms'], abnormalTemperature: false });
  });

  it('puts fever before the code colour', () => {
    expect(triage({ ...calm, temperature: 38.2, healthCodeColor: 'red' })).toMatchObject({ disposition: 'fever_clinic', reasons: ['fever'] });
  });

  it('isolates a red code and observes a yellow code centrally', () => {
    expect(triage({ ...calm, healthCodeColor: 'red' }).disposition).toBe('centralised_isolation');
    expect(triage({ ...calm, healthCodeColor: 'yellow' }).disposition).toBe('centralised_observation');
  });

  it('observes a recent stay in a high-risk area centrally, even with a green code and an employer hotel', () => {
    expect(triage({ ...calm, visitedHighRiskArea: true, employerHasHotel: true })).toEqual({
      disposition: 'centralised_observation', reasons: ['high_risk_area'], abnormalTemperature: false,
    });
  });

  it('sends people whose employer has a designated hotel there', () => {
    expect(triage({ ...calm, employerHasHotel: true }).disposition).toBe('employer_hotel');
  });
});

describe('stays in high-risk areas', () => {
  const areas = ['510104', '310115001'];
  it('counts a stay in or below a designated area within the look-back window', () => {
    expect(visitedHighRiskArea([{ code: '510104', from: '2026-11-10', to: '2026-11-12' }], areas, '2026-11-23', TRIAGE_DEFAULTS)).toBe(true);
    expect(visitedHighRiskArea([{ code: '310115001002', from: '2026-11-20', to: '2026-11-21' }], areas, '2026-11-23', TRIAGE_DEFAULTS)).toBe(true);
  });
  it('counts a stay that ended exactly 14 days before the arrival day', () => {
    expect(visitedHighRiskArea([{ code: '510104', from: '2026-11-08', to: '2026-11-09' }], areas, '2026-11-23', TRIAGE_DEFAULTS)).toBe(true);
    expect(visitedHighRiskArea([{ code: '510104', from: '2026-11-07', to: '2026-11-08' }], areas, '2026-11-23', TRIAGE_DEFAULTS)).toBe(false);
  });
  it('counts a long stay that began before the window and ended inside it', () => {
    expect(visitedHighRiskArea([{ code: '510104', from: '2026-09-01', to: '2026-11-20' }], areas, '2026-11-23', TRIAGE_DEFAULTS)).toBe(true);
  });
  it('ignores stays that ended before the window or elsewhere', () => {
    expect(visitedHighRiskArea([{ code: '510104', from: '2026-11-01', to: '2026-11-08' }], areas, '2026-11-23', TRIAGE_DEFAULTS)).toBe(false);
    expect(visitedHighRiskArea([{ code: '5101', from: '2026-11-20', to: '2026-11-21' }], areas, '2026-11-23', TRIAGE_DEFAULTS)).toBe(false);
  });
});
