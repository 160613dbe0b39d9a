// Second-level triage: where a person goes after the desk has checked them.
import type { Disposition, HealthCodeColor } from './enums';

export interface TriageThresholds {
  /** A reading at or above this is abnormal (发热). */
  feverCelsius: number;
  /** A stay in a designated high-risk area within this many days counts. */
  highRiskLookbackDays: number;
}

export const TRIAGE_DEFAULTS: TriageThresholds = { feverCelsius: 37.3, highRiskLookbackDays: 14 };

export interface TriageInput {
  temperature: number;
  symptoms: string[];
  healthCodeColor: HealthCodeColor;
  /** Whether any place visited in the look-back window is a designated high-risk area. */
  visitedHighRiskArea: boolean;
  employerHasHotel: boolean;
}

export type TriageReason = 'fever' | 'symptoms' | 'red_code' | 'yellow_code' | 'high_risk_area' | 'employer_hotel' | 'none';

export interface TriageDecision {
  disposition: Disposition;
  reasons: TriageReason[];
  abnormalTemperature: boolean;
}

export function isAbnormalTemperature(celsius: number, t: TriageThresholds): boolean {
  return celsius >= t.feverCelsius;
}

export function triage(input: TriageInput, t: TriageThresholds = TRIAGE_DEFAULTS): TriageDecision {
  const abnormalTemperature = isAbnormalTemperature(input.temperature, t);
  const hasSymptoms = input.symptoms.length > 0;
  if (abnormalTemperature || hasSymptoms) {
    const reasons: TriageReason[] = [];
    if (abnormalTemperature) reasons.push('fever');
    if (hasSymptoms) reasons.push('symptoms');
    return { disposition: 'fever_clinic', reasons, abnormalTemperature };
  }
  if (input.healthCodeColor === 'red') {
    return { disposition: 'centralised_isolation', reasons: ['red_code'], abnormalTemperature };
  }
  if (input.healthCodeColor === 'yellow' || input.visitedHighRiskArea) {
    const reasons: TriageReason[] = [];
    if (input.healthCodeColor === 'yellow') reasons.push('yellow_code');
    if (input.visitedHighRiskArea) reasons.push('high_risk_area');
    return { disposition: 'centralised_observation', reasons, abnormalTemperature };
  }
  if (input.employerHasHotel) {
    return { disposition: 'employer_hotel', reasons: ['employer_hotel'], abnormalTemperature };
  }
  return { disposition: 'home_observation', reasons: ['none'], abnormalTemperature };
}

/** Whether a stay [from, to] (YYYY-MM-DD) falls within the look-back window ending on `arrivalDay`. */
export function withinLookback(stayTo: string, arrivalDay: string, t: TriageThresholds): boolean {
  const end = Date.parse(arrivalDay + 'T00:00:00Z');
  const to = Date.parse(stayTo + 'T00:00:00Z');
  return end - to <= t.highRiskLookbackDays * 86_400_000;
}

export interface Stay {
  code: string;
  from: string;
  to: string;
}

/** Whether a stay within the look-back window was in (or below) an active high-risk area. */
export function visitedHighRiskArea(stays: Stay[], highRiskCodes: string[], arrivalDay: string, t: TriageThresholds): boolean {
  return stays.some(
    (s) => withinLookback(s.to, arrivalDay, t) && highRiskCodes.some((r) => s.code.startsWith(r)),
  );
}
