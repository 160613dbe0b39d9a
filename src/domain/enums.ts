// The one source of every enumeration shared by the server and the web app.

export const ROLES = ['admin', 'command', 'triage_desk', 'subdistrict', 'community', 'hotel', 'cdc'] as const;
export type Role = (typeof ROLES)[number];

export const DOCUMENT_TYPES = ['resident_id', 'passport', 'hk_macao_permit', 'taiwan_permit', 'other'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

export const HEALTH_CODE_COLORS = ['green', 'yellow', 'red'] as const;
export type HealthCodeColor = (typeof HEALTH_CODE_COLORS)[number];

export const TRANSPORT_MODES = ['flight', 'train', 'road', 'other'] as const;
export type TransportMode = (typeof TRANSPORT_MODES)[number];

export const DISPOSITIONS = [
  'fever_clinic',
  'centralised_isolation',
  'centralised_observation',
  'employer_hotel',
  'home_observation',
] as const;
export type Disposition = (typeof DISPOSITIONS)[number];

/** Hand-off stages of an arrival, in order. */
export const STAGES = ['registered', 'unit_received', 'observation_started'] as const;
export type Stage = (typeof STAGES)[number];

export const ENTRY_POINT_KINDS = ['airport', 'railway_station', 'road_checkpoint', 'triage_point'] as const;
export type EntryPointKind = (typeof ENTRY_POINT_KINDS)[number];

export const DIVISION_LEVELS = ['province', 'city', 'district', 'town', 'community'] as const;
export type DivisionLevel = (typeof DIVISION_LEVELS)[number];

export const UNIT_KINDS = ['economic_zone', 'agency', 'enterprise', 'hotel', 'isolation_site'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export type JurisdictionLevel = DivisionLevel | 'unit';

export const RISK_LEVELS = ['high', 'medium'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export const SYMPTOMS = ['fever', 'cough', 'sore_throat', 'fatigue', 'loss_of_smell', 'diarrhoea', 'shortness_of_breath', 'other'] as const;

/** Management units that take people for centralised observation. */
export const SITE_KINDS = ['hotel', 'isolation_site'] as const satisfies readonly UnitKind[];
export type SiteKind = (typeof SITE_KINDS)[number];
export const isSiteKind = (kind: string): kind is SiteKind => (SITE_KINDS as readonly string[]).includes(kind);

/** Medical observation: active, then released (解除), transferred (handed to another unit) or ended otherwise. */
export const OBSERVATION_STATUSES = ['active', 'released', 'transferred', 'ended'] as const;
export type ObservationStatus = (typeof OBSERVATION_STATUSES)[number];
/** Centralised (at a hotel or isolation site) or at home. */
export const OBSERVATION_KINDS = ['centralised', 'home'] as const;
export type ObservationKind = (typeof OBSERVATION_KINDS)[number];

/** An abnormal check opens an alert; it is closed as referred to a fever clinic or rechecked normal. */
export const ALERT_STATUSES = ['open', 'closed'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];
export const ALERT_RESOLUTIONS = ['referred', 'rechecked'] as const;
export type AlertResolution = (typeof ALERT_RESOLUTIONS)[number];

/** Special groups needing care while under control (老弱病残孕, and children left alone). */
export const CARE_GROUPS = ['elderly', 'chronically_ill', 'disabled', 'pregnant', 'child_alone'] as const;
export type CareGroup = (typeof CARE_GROUPS)[number];

export const CARE_NEEDS = ['medicine', 'dialysis', 'antenatal_care', 'food', 'other'] as const;
export type CareNeed = (typeof CARE_NEEDS)[number];

export const CARE_TASK_STATUSES = ['open', 'done', 'cancelled'] as const;
export type CareTaskStatus = (typeof CARE_TASK_STATUSES)[number];

/** Cases (病例): confirmed (确诊病例) or asymptomatic infection (无症状感染者). */
export const CASE_CLASSIFICATIONS = ['confirmed', 'asymptomatic'] as const;
export type CaseClassification = (typeof CASE_CLASSIFICATIONS)[number];

/** Clinical type of a confirmed case: 轻型、普通型、重型、危重型. */
export const CLINICAL_TYPES = ['mild', 'moderate', 'severe', 'critical'] as const;
export type ClinicalType = (typeof CLINICAL_TYPES)[number];

/** 本土 or 输入. */
export const CASE_ORIGINS = ['local', 'imported'] as const;
export type CaseOrigin = (typeof CASE_ORIGINS)[number];

export const CASE_FOUND_BY = ['arrival_screening', 'community_screening', 'fever_clinic', 'contact_control', 'mass_screening'] as const;
export type CaseFoundBy = (typeof CASE_FOUND_BY)[number];

/**
 * reported → isolated/admitted → cured_discharged (治愈出院) / released (解除隔离医学观察) / died; linked (已并案): a
 * report about a person whose open case another jurisdiction holds, joined to that case by its holder (协查).
 */
export const CASE_STATUSES = ['reported', 'isolated', 'admitted', 'cured_discharged', 'released', 'died', 'linked'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
/** A person holds at most one case in these statuses (a unique index in the database). */
export const OPEN_CASE_STATUSES = ['reported', 'isolated', 'admitted'] as const satisfies readonly CaseStatus[];

export const CASE_EVENT_KINDS = ['reported', 'attached', 'reclassified', 'clinical_type', 'status', 'facility', 'onset_date', 'source', 'linked'] as const;
export type CaseEventKind = (typeof CASE_EVENT_KINDS)[number];

export const EXPOSURE_SETTINGS = ['household', 'work', 'transport', 'venue', 'gathering'] as const;
export type ExposureSetting = (typeof EXPOSURE_SETTINGS)[number];

/** 密接 and 次密接. */
export const CONTACT_DEGREES = ['close', 'secondary'] as const;
export type ContactDegree = (typeof CONTACT_DEGREES)[number];

/** Where a contact's control stands, read from their observation. */
export const CONTACT_STATUSES = ['under_control', 'released', 'ended', 'positive'] as const;
export type ContactStatus = (typeof CONTACT_STATUSES)[number];

/** How an audited request ended: done, refused (no right to it, or outside the caller's jurisdiction), or failed (a wrong password). */
export const AUDIT_OUTCOMES = ['ok', 'denied', 'failed'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/**
 * 协查 between jurisdictions: a writer who does not hold a person gave another identity (identity), reported a
 * case about them while their open case is held elsewhere (case), or named them a contact (contact).
 */
export const ASSISTANCE_KINDS = ['identity', 'case', 'contact'] as const;
export type AssistanceKind = (typeof ASSISTANCE_KINDS)[number];
/** open → accepted (identity) / linked (case, contact) / rejected; applied: a change the holder made directly, kept as history. */
export const ASSISTANCE_STATUSES = ['open', 'accepted', 'linked', 'rejected', 'applied'] as const;
export type AssistanceStatus = (typeof ASSISTANCE_STATUSES)[number];
