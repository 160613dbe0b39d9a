import { describe, expect, it } from 'vitest';
import {
  canMove, contactDegree, contactState, dailyFigures, exposureProblem, infectiousPeriod, nearerDegree, normaliseAddress, placeKey, planChange,
  reportProblem, waitingMinutes, type CaseState,
} from './cases';

const TZ = 'Asia/Shanghai';

describe('case status', () => {
  it('moves reported → isolated/admitted → an outcome that fits the classification', () => {
    expect(canMove('reported', 'isolated', 'asymptomatic')).toBe(true);
    expect(canMove('reported', 'admitted', 'confirmed')).toBe(true);
    expect(canMove('isolated', 'admitted', 'confirmed')).toBe(true);
    expect(canMove('admitted', 'cured_discharged', 'confirmed')).toBe(true);
    expect(canMove('isolated', 'released', 'asymptomatic')).toBe(true);
    expect(canMove('admitted', 'died', 'confirmed')).toBe(true);
  });

  it('refuses skipping control, going back, and the other classification’s outcome', () => {
    expect(canMove('reported', 'cured_discharged', 'confirmed')).toBe(false);
    expect(canMove('admitted', 'isolated', 'confirmed')).toBe(false);
    expect(canMove('admitted', 'released', 'confirmed')).toBe(false);
    expect(canMove('isolated', 'cured_discharged', 'asymptomatic')).toBe(false);
    expect(canMove('died', 'admitted', 'confirmed')).toBe(false);
  });
});

describe('planChange', () => {
  const asymptomatic: CaseState = {
    classification: 'asymptomatic', clinicalType: null, status: 'isolated', statusSince: '2022-08-20T02:00:00.000Z', onsetDate: null, controlledAt: '2022-08-20T02:00:00.000Z',
  };

  it('reclassifies asymptomatic → confirmed with a clinical type, as two events', () => {
    const r = planChange(asymptomatic, { classification: 'confirmed', clinicalType: 'mild', onsetDate: '2022-08-21', at: '2022-08-21T04:00:00.000Z' }, TZ);
    expect(r).toEqual({
      ok: true,
      plan: {
        set: { classification: 'confirmed', reclassified_at: '2022-08-21T04:00:00.000Z', clinical_type: 'mild', onset_date: '2022-08-21' },
        events: [
          { kind: 'reclassified', from: 'asymptomatic', to: 'confirmed' },
          { kind: 'clinical_type', from: null, to: 'mild' },
          { kind: 'onset_date', from: null, to: '2022-08-21' },
        ],
      },
    });
  });

  it('needs the clinical type to reclassify, and never reclassifies a confirmed case back', () => {
    expect(planChange(asymptomatic, { classification: 'confirmed', at: '2022-08-21T04:00:00.000Z' }, TZ))
      .toEqual({ ok: false, problem: { code: 'validation', field: 'clinicalType', problem: 'clinical_type_required' } });
    const confirmed = { ...asymptomatic, classification: 'confirmed' as const, clinicalType: 'mild' as const };
    expect(planChange(confirmed, { clinicalType: 'severe', at: '2022-08-21T04:00:00.000Z' }, TZ))
      .toMatchObject({ ok: true, plan: { set: { clinical_type: 'severe' } } });
    expect(planChange(asymptomatic, { clinicalType: 'severe', at: '2022-08-21T04:00:00.000Z' }, TZ))
      .toMatchObject({ ok: false, problem: { field: 'clinicalType', problem: 'clinical_type_needs_confirmed' } });
  });

  it('lets a reclassified case leave as cured, which it could not as asymptomatic', () => {
    const at = '2022-08-30T04:00:00.000Z';
    expect(planChange(asymptomatic, { status: 'cured_discharged', at }, TZ)).toEqual({ ok: false, problem: { code: 'case_transition', from: 'isolated', to: 'cured_discharged' } });
    expect(planChange(asymptomatic, { classification: 'confirmed', clinicalType: 'mild', status: 'cured_discharged', at }, TZ))
      .toMatchObject({ ok: true, plan: { set: { status: 'cured_discharged', ended_at: at } } });
  });

  it('starts control at the first isolation or admission and keeps that time', () => {
    const reported: CaseState = { ...asymptomatic, status: 'reported', controlledAt: null, statusSince: '2022-08-20T00:00:00.000Z' };
    const isolated = planChange(reported, { status: 'isolated', at: '2022-08-20T06:00:00.000Z' }, TZ);
    expect(isolated).toMatchObject({ ok: true, plan: { set: { status: 'isolated', controlled_at: '2022-08-20T06:00:00.000Z' } } });
    const admitted = planChange({ ...asymptomatic, status: 'isolated' }, { status: 'admitted', at: '2022-08-22T06:00:00.000Z' }, TZ);
    expect(admitted.ok && admitted.plan.set.controlled_at).toBeUndefined();
  });

  it('refuses changes to an ended case and a status time before the current one', () => {
    expect(planChange({ ...asymptomatic, status: 'released' }, { status: 'admitted', at: '2022-08-30T00:00:00.000Z' }, TZ)).toEqual({ ok: false, problem: { code: 'case_closed' } });
    expect(planChange(asymptomatic, { status: 'admitted', at: '2022-08-19T00:00:00.000Z' }, TZ))
      .toEqual({ ok: false, problem: { code: 'validation', field: 'at', problem: 'before_status' } });
  });
});

describe('reportProblem', () => {
  const base = { classification: 'confirmed' as const, clinicalType: 'mild' as const, origin: 'local' as const, firstPositiveAt: '2022-08-20T01:00:00.000Z', reportedAt: '2022-08-20T05:00:00.000Z' };
  it('names the field that does not fit the classification or origin', () => {
    expect(reportProblem(base, TZ)).toBeNull();
    expect(reportProblem({ ...base, clinicalType: undefined }, TZ)).toEqual({ field: 'clinicalType', problem: 'clinical_type_required' });
    expect(reportProblem({ ...base, classification: 'asymptomatic' }, TZ)).toEqual({ field: 'clinicalType', problem: 'clinical_type_needs_confirmed' });
    expect(reportProblem({ ...base, classification: 'asymptomatic', clinicalType: undefined, onsetDate: '2022-08-19' }, TZ)).toEqual({ field: 'onsetDate', problem: 'onset_needs_confirmed' });
    expect(reportProblem({ ...base, origin: 'imported' }, TZ)).toEqual({ field: 'originCode', problem: 'origin_required' });
    expect(reportProblem({ ...base, firstPositiveAt: '2022-08-20T06:00:00.000Z' }, TZ)).toEqual({ field: 'firstPositiveAt', problem: 'positive_after_report' });
    // 2022-08-21 in Beijing starts at 16:00 UTC on the 20th: the report is still on the 20th there.
    expect(reportProblem({ ...base, onsetDate: '2022-08-21' }, TZ)).toEqual({ field: 'onsetDate', problem: 'onset_after_report' });
  });
});

describe('infectious period', () => {
  it('starts two Beijing days before onset, or before the first positive sample when there is no onset', () => {
    expect(infectiousPeriod({ onsetDate: '2022-08-18', firstPositiveAt: '2022-08-20T03:00:00.000Z', controlledAt: null }, TZ))
      .toEqual({ from: '2022-08-15T16:00:00.000Z', to: null });
    // Sampled at 01:30 on the 20th Beijing time (17:30 UTC on the 19th): the period starts on the 18th, Beijing time.
    expect(infectiousPeriod({ onsetDate: null, firstPositiveAt: '2022-08-19T17:30:00.000Z', controlledAt: '2022-08-20T08:00:00.000Z' }, TZ))
      .toEqual({ from: '2022-08-17T16:00:00.000Z', to: '2022-08-20T08:00:00.000Z' });
  });

  it('takes the earlier of onset and the first positive sample', () => {
    expect(infectiousPeriod({ onsetDate: '2022-08-22', firstPositiveAt: '2022-08-20T03:00:00.000Z', controlledAt: null }, TZ).from).toBe('2022-08-17T16:00:00.000Z');
  });

  it('takes exposures overlapping the period and refuses those wholly outside it', () => {
    const period = { from: '2022-08-15T16:00:00.000Z', to: '2022-08-20T08:00:00.000Z' };
    const now = new Date('2022-08-25T00:00:00.000Z');
    expect(exposureProblem(period, { from: '2022-08-16T01:00:00.000Z', to: '2022-08-16T03:00:00.000Z' }, now)).toBeNull();
    expect(exposureProblem(period, { from: '2022-08-15T10:00:00.000Z', to: '2022-08-15T17:00:00.000Z' }, now)).toBeNull();
    expect(exposureProblem(period, { from: '2022-08-15T10:00:00.000Z', to: '2022-08-15T15:59:00.000Z' }, now)).toEqual({ field: 'to', problem: 'outside' });
    expect(exposureProblem(period, { from: '2022-08-20T09:00:00.000Z', to: '2022-08-20T10:00:00.000Z' }, now)).toEqual({ field: 'from', problem: 'outside' });
    expect(exposureProblem(period, { from: '2022-08-17T09:00:00.000Z', to: '2022-08-17T08:00:00.000Z' }, now)).toEqual({ field: 'to', problem: 'order' });
    expect(exposureProblem({ ...period, to: null }, { from: '2022-08-26T09:00:00.000Z', to: '2022-08-26T10:00:00.000Z' }, now)).toEqual({ field: 'from', problem: 'future' });
    expect(exposureProblem({ ...period, to: null }, { from: '2022-08-24T09:00:00.000Z', to: '2022-08-24T10:00:00.000Z' }, now)).toBeNull();
  });
});

describe('places and contacts', () => {
  it('keys a flight by number and Beijing day, other places by code and address written alike', () => {
    const flight = { setting: 'transport' as const, placeCode: null, address: '成都—拉萨', transportNumber: 'tv 9872', from: '2022-08-17T17:00:00.000Z' };
    expect(placeKey(flight, TZ)).toBe('T:TV9872:2022-08-18');
    const a = placeKey({ setting: 'venue', placeCode: '540102002001', address: '北京东路 12号（超市）', transportNumber: null, from: '2022-08-17T00:00:00.000Z' }, TZ);
    const b = placeKey({ setting: 'gathering', placeCode: '540102002001', address: '北京东路１２号(超市)', transportNumber: null, from: '2022-08-18T00:00:00.000Z' }, TZ);
    expect(a).toBe(b);
    expect(normaliseAddress('Beijing Rd. No.12')).toBe('beijingrdno12');
  });

  it('derives degrees: close from a case, secondary from a close contact, nothing beyond', () => {
    expect(contactDegree(null)).toBe('close');
    expect(contactDegree({ degree: 'close' })).toBe('secondary');
    expect(contactDegree({ degree: 'secondary' })).toBeNull();
    expect(nearerDegree('secondary', 'close')).toBe('close');
    expect(nearerDegree('secondary', 'secondary')).toBe('secondary');
  });

  it('reads a contact’s standing from their observation', () => {
    expect(contactState({ positiveCaseId: 'c1', observationStatus: 'transferred' })).toBe('positive');
    expect(contactState({ positiveCaseId: null, observationStatus: 'active' })).toBe('under_control');
    expect(contactState({ positiveCaseId: null, observationStatus: 'released' })).toBe('released');
    expect(contactState({ positiveCaseId: null, observationStatus: 'transferred' })).toBe('ended');
  });
});

describe('daily figures', () => {
  const day = '2022-08-20';
  it('counts each infection once, on its report day, and reclassifications apart', () => {
    const cases = [
      { origin: 'local' as const, reportedAt: '2022-08-20T02:00:00.000Z', reportedClassification: 'confirmed' as const, reclassifiedAt: null },
      { origin: 'local' as const, reportedAt: '2022-08-20T03:00:00.000Z', reportedClassification: 'asymptomatic' as const, reclassifiedAt: null },
      // Reported and reclassified the same day: a new confirmed case.
      { origin: 'local' as const, reportedAt: '2022-08-20T03:00:00.000Z', reportedClassification: 'asymptomatic' as const, reclassifiedAt: '2022-08-20T10:00:00.000Z' },
      // Reported yesterday (Beijing time: 23:00 on the 19th), reclassified today: not a new infection.
      { origin: 'local' as const, reportedAt: '2022-08-19T15:00:00.000Z', reportedClassification: 'asymptomatic' as const, reclassifiedAt: '2022-08-20T01:00:00.000Z' },
      // Reported today, reclassified tomorrow: today it is asymptomatic.
      { origin: 'imported' as const, reportedAt: '2022-08-20T05:00:00.000Z', reportedClassification: 'asymptomatic' as const, reclassifiedAt: '2022-08-21T01:00:00.000Z' },
    ];
    expect(dailyFigures(cases, day, TZ)).toEqual({
      local: { confirmed: 2, asymptomatic: 1, reclassified: 1, newInfections: 3 },
      imported: { confirmed: 0, asymptomatic: 1, reclassified: 0, newInfections: 1 },
    });
    expect(dailyFigures(cases, '2022-08-21', TZ).imported).toEqual({ confirmed: 0, asymptomatic: 0, reclassified: 1, newInfections: 0 });
  });

  it('measures waiting in whole minutes', () => {
    expect(waitingMinutes('2022-08-20T02:00:00.000Z', new Date('2022-08-20T04:30:59.000Z'))).toBe(150);
  });
});
