// Table types. Instants are ISO-8601 UTC text at the query edge on both
// databases; booleans are 0/1; JSON columns hold text parsed by the owning query.
import type { Generated } from 'kysely';
import type {
  AlertResolution, AlertStatus, AssistanceKind, AssistanceStatus, AuditOutcome, CareNeed, CareTaskStatus, CaseClassification, CaseEventKind, CaseFoundBy, CaseOrigin, CaseStatus, ClinicalType, ContactDegree, Disposition, DocumentType, EntryPointKind, ExposureSetting, HealthCodeColor, JurisdictionLevel, ObservationKind, ObservationStatus, RiskLevel, Role, Stage, TransportMode,
} from '../domain/enums';
import type { DayRow, EntryRow, ObservationDayRow, OriginRow, ReleaseRow } from '../domain/rollups';

export interface JurisdictionTable {
  code: string;
  name: string;
  level: JurisdictionLevel;
  kind: string;
  parent_code: string | null;
  rooms: number | null;
  hotel_code: string | null;
  active: number;
  created_at: string;
}

export interface EntryPointTable {
  id: string;
  name: string;
  kind: EntryPointKind;
  jurisdiction_code: string;
  active: number;
  created_at: string;
}

export interface UserTable {
  id: string;
  username: string;
  password_hash: string;
  display_name: string;
  role: Role;
  jurisdiction_code: string;
  can_reveal: number;
  disabled: number;
  failed_logins: number;
  locked_until: string | null;
  created_at: string;
  must_change_password: Generated<number>;
}

export interface SessionTable {
  token_hash: string;
  user_id: string;
  kind: string;
  created_at: string;
  expires_at: string;
  revoked: number;
  last_seen_at: string | null;
}

export interface LoginFailureTable {
  username: string;
  source: string;
  attempts: number;
  last_at: string;
}

export interface PersonTable {
  id: string;
  document_type: DocumentType;
  document_key: string;
  document_enc: string;
  document_masked: string;
  name: string;
  phone_enc: string | null;
  phone_masked: string | null;
  phone_tail: string | null;
  /** Sealed JSON {birthDate, sex}: with the masked number, a birth date would give the number back. */
  demographics_enc: string | null;
  birth_year: number | null;
  /** Keyed index of the normalised name and birth date, for likely duplicates. */
  name_birth_key: string | null;
  /** The residence: whoever's jurisdiction holds it holds the person and alone changes the identity. */
  jurisdiction_code: string;
  created_at: string;
  updated_at: string;
}

/** The name and phone a writer who does not hold the person gave, kept on their own record. */
export interface StatedIdentity {
  stated_name: string | null;
  stated_phone_enc: string | null;
  stated_phone_masked: string | null;
}

export interface ArrivalTable extends StatedIdentity {
  id: string;
  client_id: string;
  person_id: string;
  entry_point_id: string;
  transport_mode: TransportMode;
  transport_number: string | null;
  arrived_at: string;
  origin_code: string;
  visited: string;
  contact_with_affected: number;
  contact_note: string | null;
  health_code_color: HealthCodeColor;
  health_code_raw: string | null;
  temperature: number;
  abnormal_temperature: number;
  symptoms: string;
  dest_code: string;
  dest_address: string;
  dest_compound: string | null;
  employer_code: string | null;
  disposition: Disposition;
  reasons: string;
  route_first: string;
  route_second: string | null;
  stage: Stage;
  holder_code: string | null;
  stage_since: string;
  registered_by: string;
  registered_at: string;
}

export interface ArrivalEventTable {
  id: string;
  arrival_id: string;
  stage: Stage;
  unit_code: string | null;
  actor_id: string;
  actor_name: string;
  at: string;
}

export interface RiskAreaTable {
  id: string;
  code: string;
  level: RiskLevel;
  designated_at: string;
  lifted_at: string | null;
}

export interface AuditTable {
  id: Generated<number>;
  at: string;
  user_id: string | null;
  username: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  jurisdiction_code: string | null;
  detail: string | null;
  /** The caller's address (the proxy's, unless FANGKONG_TRUST_PROXY is set). */
  source: string | null;
  outcome: Generated<AuditOutcome>;
  /** The acting account's jurisdiction when it acted; null for anonymous requests. */
  actor_jurisdiction: string | null;
}

export interface SettingTable {
  key: string;
  value: string;
}

export interface DB extends ObservationTables, PersonMergeTables, CareTables, RollupTables, ScreenTokenTables {
  jurisdictions: JurisdictionTable;
  entry_points: EntryPointTable;
  users: UserTable;
  sessions: SessionTable;
  login_failures: LoginFailureTable;
  persons: PersonTable;
  arrivals: ArrivalTable;
  arrival_events: ArrivalEventTable;
  risk_areas: RiskAreaTable;
  audit_log: AuditTable;
  settings: SettingTable;
}

export interface ObservationPolicyTable {
  reason: string;
  centralised_days: number;
  home_days: number;
  updated_at: string;
}

export interface RoomTable {
  id: string;
  site_code: string;
  number: string;
  capacity: number;
  active: number;
  created_at: string;
}

export interface ObservationTable extends StatedIdentity {
  id: string;
  client_id: string | null;
  person_id: string;
  arrival_id: string | null;
  reason: string;
  centralised_days: number;
  home_days: number;
  kind: ObservationKind;
  unit_code: string;
  community_code: string | null;
  pending_unit_code: string | null;
  room_id: string | null;
  status: ObservationStatus;
  start_at: string;
  start_day: string;
  handoff_day: string | null;
  end_day: string;
  ended_at: string | null;
  end_reason: string | null;
  opened_by: string;
  created_at: string;
  /** The latest report day with a check, and a bit (1 << slot) for each slot checked that day. */
  last_check_day: Generated<string | null>;
  last_check_slots: Generated<number>;
}

export interface ObservationCheckTable {
  id: string;
  client_id: string;
  observation_id: string;
  taken_at: string;
  report_day: string;
  slot: number;
  temperature: number;
  symptoms: string;
  abnormal: number;
  entered_by: string;
  created_at: string;
}

export interface AlertTable {
  id: string;
  observation_id: string;
  check_id: string;
  unit_code: string;
  status: AlertStatus;
  opened_at: string;
  resolution: AlertResolution | null;
  outcome: string | null;
  closed_at: string | null;
  closed_by: string | null;
}

export interface ObservationTables {
  observation_policies: ObservationPolicyTable;
  rooms: RoomTable;
  observations: ObservationTable;
  observation_checks: ObservationCheckTable;
  alerts: AlertTable;
}

/** Columns migration 003 adds to persons (merged with the declaration above). */
export interface PersonTable {
  name_key: string | null;
  phone_key: string | null;
  merged_into: string | null;
}

export interface PersonMergeTable {
  id: string;
  survivor_id: string;
  merged_id: string;
  /** JSON: ids moved from the merged person to the survivor, per table. */
  moved: string;
  merged_by: string;
  merged_at: string;
  undone_by: string | null;
  undone_at: string | null;
}

export interface PersonMergeTables {
  person_merges: PersonMergeTable;
}

export interface CareFlagTable {
  person_id: string;
  /** Where the flag was set: it stays on that list when the person moves. */
  jurisdiction_code: string;
  /** JSON array of CARE_GROUPS. */
  groups: string;
  /** JSON array of CARE_NEEDS. */
  needs: string;
  note: string | null;
  updated_by: string;
  updated_at: string;
  created_at: string;
}

export interface CareTaskTable {
  id: string;
  client_id: string | null;
  person_id: string;
  jurisdiction_code: string;
  title: string;
  need: CareNeed;
  assignee_id: string | null;
  due_at: string;
  status: CareTaskStatus;
  created_by: string;
  created_at: string;
  closed_at: string | null;
  closed_by: string | null;
  close_note: string | null;
}

export interface CareTables {
  care_flags: CareFlagTable;
  care_tasks: CareTaskTable;
}

export interface RollupTables {
  arrival_day_counts: DayRow;
  arrival_entry_counts: EntryRow;
  arrival_origin_counts: OriginRow;
  release_day_counts: ReleaseRow;
  observation_day_counts: ObservationDayRow;
}

export interface ScreenTokenTable {
  id: string;
  /** SHA-256 of the token (base64url), as for sessions; the token itself is never stored. */
  token_hash: string;
  label: string;
  jurisdiction_code: string;
  created_by: string;
  created_at: string;
  expires_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
  revoked_by: string | null;
}

export interface ScreenTokenTables {
  screen_tokens: ScreenTokenTable;
}

export interface BoundaryTable {
  jurisdiction_code: string;
  /** JSON text: the checked FeatureCollection (src/domain/geojson.ts). */
  geojson: string;
  review_number: string;
  feature_count: number;
  bytes: number;
  uploaded_by: string;
  uploaded_at: string;
}

/** Migration 006 (merged with the declaration above). */
export interface DB {
  boundaries: BoundaryTable;
}

export interface SituationReportTable {
  id: string;
  client_id: string;
  /** When the figures are as of (a daily report's 截至…24时). */
  as_of: string;
  source: string | null;
  format: string;
  imported_by: string;
  imported_at: string;
}

/** Null where the import left a figure empty (not reported). */
export interface SituationFigureTable {
  report_id: string;
  province_code: string;
  confirmed_new: number | null;
  asymptomatic_new: number | null;
  confirmed_current: number | null;
  high_risk_areas: number | null;
  medium_risk_areas: number | null;
}

/** Migration 005 (merged with the declarations above). */
export interface DB {
  situation_reports: SituationReportTable;
  situation_figures: SituationFigureTable;
}

export interface CaseTable extends StatedIdentity {
  id: string;
  client_id: string;
  person_id: string;
  classification: CaseClassification;
  reported_classification: CaseClassification;
  clinical_type: ClinicalType | null;
  origin: CaseOrigin;
  origin_code: string | null;
  found_by: CaseFoundBy;
  reported_at: string;
  reporting_unit: string;
  jurisdiction_code: string;
  community_code: string | null;
  onset_date: string | null;
  first_positive_at: string;
  status: CaseStatus;
  status_since: string;
  controlled_at: string | null;
  facility: string | null;
  ended_at: string | null;
  reclassified_at: string | null;
  source_case_id: string | null;
  source_contact_id: string | null;
  cluster_id: string;
  created_by: string;
  created_at: string;
  updated_at: string;
  /** 1 when reported while the person's open case was held elsewhere: recorded apart until the holder links it. */
  held_elsewhere: number;
  /** The holder's case this report was linked into (status 'linked'). */
  linked_case_id: string | null;
}

export interface CaseEventTable {
  id: string;
  case_id: string;
  client_id: string | null;
  kind: CaseEventKind;
  from_value: string | null;
  to_value: string | null;
  /** JSON text, never personal data. */
  detail: string | null;
  actor_id: string;
  actor_name: string;
  at: string;
}

export interface ExposureTable {
  id: string;
  client_id: string;
  case_id: string;
  setting: ExposureSetting;
  place_code: string | null;
  address: string;
  from_at: string;
  to_at: string;
  transport_mode: TransportMode | null;
  transport_number: string | null;
  seat: string | null;
  place_key: string;
  note: string | null;
  created_by: string;
  created_at: string;
}

export interface ContactTable extends StatedIdentity {
  id: string;
  exposure_id: string;
  case_id: string;
  case_code: string;
  person_id: string;
  degree: ContactDegree;
  via_contact_id: string | null;
  observation_id: string | null;
  community_code: string | null;
  unit_code: string | null;
  address: string | null;
  seat: string | null;
  positive_case_id: string | null;
  created_by: string;
  created_at: string;
}

export interface ClusterTable {
  id: string;
  name: string;
  named_by: string;
  named_at: string;
}

/** Migration 011 (merged with the declarations above). */
export interface DB {
  cases: CaseTable;
  case_events: CaseEventTable;
  exposures: ExposureTable;
  contacts: ContactTable;
  clusters: ClusterTable;
}

/** 协查: what a jurisdiction asks of the one holding a person (an identity change, a case or contact report). */
export interface AssistanceRequestTable {
  id: string;
  kind: AssistanceKind;
  person_id: string;
  holder_code: string;
  requester_code: string;
  requested_by: string;
  /** The asker's own record the request is about: 'arrival', 'observation', 'case', 'contact'. */
  source_entity: string;
  source_id: string;
  /** The holder's record it concerns (their open case). */
  target_id: string | null;
  /** JSON of identity values: name, phone (sealed and masked), residence. */
  proposed: string | null;
  previous: string | null;
  status: AssistanceStatus;
  decided_by: string | null;
  decided_at: string | null;
  note: string | null;
  created_at: string;
}

/** Migration 013 (merged with the declarations above). */
export interface DB {
  assistance_requests: AssistanceRequestTable;
}

/** A retryable write's client-generated id, the hash of what it carried and what it made. */
export interface ClientRequestTable {
  kind: string;
  client_id: string;
  body_hash: string;
  entity_id: string;
  created_at: string;
}

export interface DB {
  client_requests: ClientRequestTable;
}
