// Cases (病例) and their tracing: status transitions, reclassification, the infectious
// period, contact degrees, shared exposures and the daily figures. Pure rules only.
import {
  OPEN_CASE_STATUSES,
  type CaseClassification, type CaseOrigin, type CaseStatus, type ClinicalType, type ContactDegree, type ExposureSetting,
} from './enums';
import { addDays, CLOCK_TOLERANCE_MS } from './observation';
import { dayStart, reportDay } from './time';

export function isOpen(status: CaseStatus): boolean {
  return (OPEN_CASE_STATUSES as readonly CaseStatus[]).includes(status);
}

const NEXT: Record<CaseStatus, readonly CaseStatus[]> = {
  reported: ['isolated', 'admitted', 'died'],
  isolated: ['admitted', 'cured_discharged', 'released', 'died'],
  admitted: ['cured_discharged', 'released', 'died'],
  cured_discharged: [],
  released: [],
  died: [],
  linked: [],
};

/**
 * Whether a case may move from one status to another. A confirmed case leaves care cured and
 * discharged (治愈出院); an asymptomatic one is released from isolation (解除隔离医学观察).
 */
export function canMove(from: CaseStatus, to: CaseStatus, classification: CaseClassification): boolean {
  if (!NEXT[from].includes(to)) return false;
  if (to === 'cured_discharged') return classification === 'confirmed';
  if (to === 'released') return classification === 'asymptomatic';
  return true;
}

/** The state of a case that a change is checked against. */
export interface CaseState {
  classification: CaseClassification;
  clinicalType: ClinicalType | null;
  status: CaseStatus;
  statusSince: string;
  onsetDate: string | null;
  controlledAt: string | null;
}

export interface CaseChange {
  classification?: 'confirmed';
  clinicalType?: ClinicalType;
  status?: CaseStatus;
  onsetDate?: string;
  /** When the change happened (admitted at, reclassified at…). */
  at: string;
}

export type ChangeProblem =
  | { code: 'case_closed' }
  | { code: 'reclassification' }
  | { code: 'case_transition'; from: CaseStatus; to: CaseStatus }
  | { code: 'validation'; field: string; problem: 'clinical_type_needs_confirmed' | 'clinical_type_required' | 'onset_needs_confirmed' | 'before_status' | 'onset_after_report' };

export interface CaseEventDraft {
  kind: 'reclassified' | 'clinical_type' | 'status' | 'onset_date';
  from: string | null;
  to: string;
}

export interface PlannedChange {
  set: {
    classification?: CaseClassification;
    clinical_type?: ClinicalType;
    reclassified_at?: string;
    status?: CaseStatus;
    status_since?: string;
    controlled_at?: string;
    ended_at?: string;
    onset_date?: string;
  };
  events: CaseEventDraft[];
}

/**
 * Checks a change to a case and says what to store: the columns and one event per changed
 * value. Reclassification only goes from asymptomatic to confirmed and needs a clinical type;
 * the first isolation or admission starts control (the end of the infectious period).
 */
export function planChange(c: CaseState, change: CaseChange, timeZone: string): { ok: true; plan: PlannedChange } | { ok: false; problem: ChangeProblem } {
  if (!isOpen(c.status)) return { ok: false, problem: { code: 'case_closed' } };
  const plan: PlannedChange = { set: {}, events: [] };
  let classification = c.classification;
  if (change.classification && change.classification !== c.classification) {
    if (c.classification !== 'asymptomatic') return { ok: false, problem: { code: 'reclassification' } };
    if (!change.clinicalType) return { ok: false, problem: { code: 'validation', field: 'clinicalType', problem: 'clinical_type_required' } };
    classification = 'confirmed';
    plan.set.classification = 'confirmed';
    plan.set.reclassified_at = change.at;
    plan.events.push({ kind: 'reclassified', from: c.classification, to: 'confirmed' });
  }
  if (change.clinicalType && change.clinicalType !== c.clinicalType) {
    if (classification !== 'confirmed') return { ok: false, problem: { code: 'validation', field: 'clinicalType', problem: 'clinical_type_needs_confirmed' } };
    plan.set.clinical_type = change.clinicalType;
    plan.events.push({ kind: 'clinical_type', from: c.clinicalType, to: change.clinicalType });
  }
  if (change.onsetDate && change.onsetDate !== c.onsetDate) {
    if (classification !== 'confirmed') return { ok: false, problem: { code: 'validation', field: 'onsetDate', problem: 'onset_needs_confirmed' } };
    if (change.onsetDate > reportDay(change.at, timeZone)) {
      return { ok: false, problem: { code: 'validation', field: 'onsetDate', problem: 'onset_after_report' } };
    }
    plan.set.onset_date = change.onsetDate;
    plan.events.push({ kind: 'onset_date', from: c.onsetDate, to: change.onsetDate });
  }
  if (change.status && change.status !== c.status) {
    if (!canMove(c.status, change.status, classification)) return { ok: false, problem: { code: 'case_transition', from: c.status, to: change.status } };
    if (change.at < c.statusSince) return { ok: false, problem: { code: 'validation', field: 'at', problem: 'before_status' } };
    plan.set.status = change.status;
    plan.set.status_since = change.at;
    if (!c.controlledAt && (change.status === 'isolated' || change.status === 'admitted')) plan.set.controlled_at = change.at;
    if (!isOpen(change.status)) plan.set.ended_at = change.at;
    plan.events.push({ kind: 'status', from: c.status, to: change.status });
  }
  return { ok: true, plan };
}

/** Problems with a new report that the schema cannot express. */
export function reportProblem(r: {
  classification: CaseClassification;
  clinicalType?: ClinicalType;
  origin: CaseOrigin;
  originCode?: string;
  onsetDate?: string;
  firstPositiveAt: string;
  reportedAt: string;
}, timeZone: string): { field: string; problem: 'clinical_type_required' | 'clinical_type_needs_confirmed' | 'origin_required' | 'onset_needs_confirmed' | 'positive_after_report' | 'onset_after_report' } | null {
  if (r.classification === 'confirmed' && !r.clinicalType) return { field: 'clinicalType', problem: 'clinical_type_required' };
  if (r.classification === 'asymptomatic' && r.clinicalType) return { field: 'clinicalType', problem: 'clinical_type_needs_confirmed' };
  if (r.origin === 'imported' && !r.originCode) return { field: 'originCode', problem: 'origin_required' };
  if (r.classification === 'asymptomatic' && r.onsetDate) return { field: 'onsetDate', problem: 'onset_needs_confirmed' };
  if (r.firstPositiveAt > r.reportedAt) return { field: 'firstPositiveAt', problem: 'positive_after_report' };
  if (r.onsetDate && r.onsetDate > reportDay(r.reportedAt, timeZone)) return { field: 'onsetDate', problem: 'onset_after_report' };
  return null;
}

// ---- the infectious period (传染期) ----

const INFECTIOUS_DAYS_BEFORE = 2;

export interface InfectiousPeriod {
  /** Start of the local day two days before onset or the first positive sample. */
  from: string;
  /** Isolation or admission; null while the case is not yet under control. */
  to: string | null;
}

/**
 * From two days before symptom onset (confirmed cases) or before the first positive sample
 * (asymptomatic ones), whichever is earlier when both are known: a case screened positive
 * before falling ill was already infectious then. Until isolation or admission.
 */
export function infectiousPeriod(c: { onsetDate: string | null; firstPositiveAt: string; controlledAt: string | null }, timeZone: string): InfectiousPeriod {
  const sampleDay = reportDay(c.firstPositiveAt, timeZone);
  const anchor = c.onsetDate && c.onsetDate < sampleDay ? c.onsetDate : sampleDay;
  return { from: dayStart(addDays(anchor, -INFECTIOUS_DAYS_BEFORE), timeZone), to: c.controlledAt };
}

/** Why an exposure [from, to] cannot be recorded for the period, or null when it overlaps it. */
export function exposureProblem(period: InfectiousPeriod, e: { from: string; to: string }, now: Date): { field: 'from' | 'to'; problem: 'order' | 'future' | 'outside' } | null {
  if (e.to < e.from) return { field: 'to', problem: 'order' };
  if (Date.parse(e.from) > now.getTime() + CLOCK_TOLERANCE_MS) return { field: 'from', problem: 'future' };
  if (e.to < period.from) return { field: 'to', problem: 'outside' };
  if (period.to && e.from > period.to) return { field: 'from', problem: 'outside' };
  return null;
}

// ---- exposures and contacts ----

/**
 * What makes two exposures the same place: a flight or train on the same local day, or the
 * same division code and address written alike (spaces, punctuation and full-width forms aside).
 */
export function placeKey(e: { setting: ExposureSetting; placeCode: string | null; address: string; transportNumber: string | null; from: string }, timeZone: string): string {
  if (e.setting === 'transport' && e.transportNumber) return `T:${e.transportNumber.toUpperCase().replace(/\s+/g, '')}:${reportDay(e.from, timeZone)}`;
  return `P:${e.placeCode ?? ''}:${normaliseAddress(e.address)}`;
}

export function normaliseAddress(address: string): string {
  return address
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, '');
}

/** A close contact is linked to a case directly; a secondary one through a close contact; none further. */
export function contactDegree(via: { degree: ContactDegree } | null): ContactDegree | null {
  if (!via) return 'close';
  return via.degree === 'close' ? 'secondary' : null;
}

/** A person found again at an exposure keeps the nearer degree. */
export function nearerDegree(a: ContactDegree, b: ContactDegree): ContactDegree {
  return a === 'close' || b === 'close' ? 'close' : 'secondary';
}

export type ContactState = 'under_control' | 'released' | 'ended' | 'positive';

/** A contact's standing, read from their observation (or their positive test). */
export function contactState(c: { positiveCaseId: string | null; observationStatus: string | null }): ContactState {
  if (c.positiveCaseId) return 'positive';
  if (c.observationStatus === 'active') return 'under_control';
  if (c.observationStatus === 'released') return 'released';
  return 'ended';
}

// ---- the command view ----

/** Minutes a reported case has waited for isolation or admission (应收尽收). */
export function waitingMinutes(reportedAt: string, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - Date.parse(reportedAt)) / 60_000));
}

export interface DailyCase {
  origin: CaseOrigin;
  reportedAt: string;
  reportedClassification: CaseClassification;
  reclassifiedAt: string | null;
}

export interface DailyFigures {
  /** New confirmed cases reported this day (a case reclassified on its own report day counts here). */
  confirmed: number;
  /** New asymptomatic infections reported this day and not reclassified by its end. */
  asymptomatic: number;
  /** Asymptomatic infections of earlier days reclassified as confirmed this day: not new infections. */
  reclassified: number;
  /** confirmed + asymptomatic: each infection counts once, on the day it is reported. */
  newInfections: number;
}

/** The day's figures per origin (新增本土/输入确诊、无症状、无症状转确诊). */
export function dailyFigures(cases: DailyCase[], day: string, timeZone: string): Record<CaseOrigin, DailyFigures> {
  const zero = (): DailyFigures => ({ confirmed: 0, asymptomatic: 0, reclassified: 0, newInfections: 0 });
  const out: Record<CaseOrigin, DailyFigures> = { local: zero(), imported: zero() };
  for (const c of cases) {
    const f = out[c.origin];
    const reportedDay = reportDay(c.reportedAt, timeZone);
    const reclassifiedDay = c.reclassifiedAt ? reportDay(c.reclassifiedAt, timeZone) : null;
    if (reportedDay === day) {
      const confirmedByEnd = c.reportedClassification === 'confirmed' || (reclassifiedDay !== null && reclassifiedDay <= day);
      if (confirmedByEnd) f.confirmed++;
      else f.asymptomatic++;
      f.newInfections++;
    } else if (reclassifiedDay === day && reportedDay < day) {
      f.reclassified++;
    }
  }
  return out;
}
