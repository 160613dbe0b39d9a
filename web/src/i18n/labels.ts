// Display names of every enumeration the web shows. The shared ones come from
// src/domain/labels.ts (also used by the server's exports); the rest live here.
import type { Label } from '../../../src/domain/labels';
import type { CaseEventKind, Disposition, DivisionLevel, RiskLevel, Stage } from '../../../src/domain/enums';
import type { DuplicateRule } from '../../../src/domain/duplicates';
import type { ObservationPlan, ReleaseBlocker } from '../../../src/domain/observation';
import type { TriageReason } from '../../../src/domain/triage';
import type { ALERT_RESOLUTIONS, OBSERVATION_STATUSES } from '../../../src/domain/enums';
import type { MessageKey } from './texts';

export {
  COLOR_LABELS,
  DISPOSITION_LABELS,
  DOCUMENT_TYPE_LABELS,
  ENTRY_POINT_KIND_LABELS,
  ROLE_LABELS,
  STAGE_LABELS,
  SYMPTOM_LABELS,
  TRANSPORT_LABELS,
  UNIT_KIND_LABELS,
} from '../../../src/domain/labels';
export type { Label };

/** Why triage chose a disposition: texts, since the fever reason names the configured threshold ({threshold}). */
export const REASON_TEXTS: Record<TriageReason, MessageKey> = {
  fever: 'reason.fever',
  symptoms: 'reason.symptoms',
  red_code: 'reason.red_code',
  yellow_code: 'reason.yellow_code',
  high_risk_area: 'reason.high_risk_area',
  employer_hotel: 'reason.employer_hotel',
  none: 'reason.none',
};

export const LEVEL_LABELS: Record<DivisionLevel | 'unit', Label> = {
  province: { zh: '省/自治区', en: 'Province' },
  city: { zh: '市/地区', en: 'City' },
  district: { zh: '区/县', en: 'District' },
  town: { zh: '乡镇/街道', en: 'Town / subdistrict' },
  community: { zh: '村/社区', en: 'Village / community' },
  unit: { zh: '管理单位', en: 'Management unit' },
};

export const RISK_LEVEL_LABELS: Record<RiskLevel, Label> = {
  high: { zh: '高风险区', en: 'High-risk area' },
  medium: { zh: '中风险区', en: 'Medium-risk area' },
};

/** Short names for the stage columns and steps (the long ones say who is awaited). */
export const STAGE_SHORT_LABELS: Record<Stage, Label> = {
  registered: { zh: '已登记', en: 'Registered' },
  unit_received: { zh: '街道/单位已接收', en: 'Received by subdistrict/unit' },
  observation_started: { zh: '社区/酒店已接收', en: 'Received by community/hotel' },
};

export { CARE_GROUP_LABELS, CARE_NEED_LABELS, CARE_TASK_STATUS_LABELS } from '../../../src/domain/labels';
export {
  CASE_ORIGIN_LABELS,
  CASE_STATUS_LABELS,
  CLASSIFICATION_LABELS,
  CLINICAL_TYPE_LABELS,
  CONTACT_DEGREE_LABELS,
  CONTACT_STATUS_LABELS,
  EXPOSURE_SETTING_LABELS,
  FOUND_BY_LABELS,
} from '../../../src/domain/labels';

/** Why a person is under observation: the policy reasons (the triage dispositions, and 排查 by the community). */
export const OBSERVATION_REASON_LABELS: Record<Disposition | 'community_check' | 'close_contact' | 'secondary_contact', Label> = {
  home_observation: { zh: '居家医学观察', en: 'Home observation' },
  fever_clinic: { zh: '发热门诊排除后观察', en: 'After the fever clinic' },
  centralised_observation: { zh: '集中医学观察', en: 'Centralised observation' },
  centralised_isolation: { zh: '集中隔离', en: 'Centralised isolation' },
  employer_hotel: { zh: '单位指定留观酒店', en: 'Employer’s designated hotel' },
  community_check: { zh: '社区排查发现', en: 'Found by community checks' },
  close_contact: { zh: '密切接触者管控', en: 'Close contact' },
  secondary_contact: { zh: '次密接管控', en: 'Secondary contact' },
};

export const OBSERVATION_KIND_LABELS: Record<ObservationPlan['firstKind'], Label> = {
  home: { zh: '居家观察', en: 'At home' },
  centralised: { zh: '集中观察', en: 'Centralised' },
};

export const OBSERVATION_STATUS_LABELS: Record<(typeof OBSERVATION_STATUSES)[number], Label> = {
  active: { zh: '观察中', en: 'Under observation' },
  released: { zh: '已解除', en: 'Released' },
  transferred: { zh: '已转送', en: 'Transferred' },
  ended: { zh: '提前结束', en: 'Ended early' },
};

export const RELEASE_BLOCKER_LABELS: Record<ReleaseBlocker, Label> = {
  not_due: { zh: '观察期未满', en: 'Period not over' },
  missing_checks: { zh: '有漏测', en: 'Missing checks' },
  open_alerts: { zh: '有未处理异常', en: 'Open alert' },
};

export const ALERT_RESOLUTION_LABELS: Record<(typeof ALERT_RESOLUTIONS)[number], Label> = {
  referred: { zh: '转发热门诊', en: 'Referred to the fever clinic' },
  rechecked: { zh: '复测正常', en: 'Rechecked, normal' },
};

/** The daily check slots of the default schedule (by 12:00 and by 24:00). */
export const SLOT_LABELS: Record<'0' | '1', Label> = {
  '0': { zh: '上午', en: 'Morning' },
  '1': { zh: '下午', en: 'Afternoon' },
};

export const DUPLICATE_RULE_LABELS: Record<DuplicateRule, Label> = {
  name_birth_date: { zh: '姓名与出生日期相同', en: 'Same name and date of birth' },
  phone: { zh: '手机号码相同', en: 'Same phone number' },
};

/** What a case event records (CASE_EVENT_KINDS). */
export const CASE_EVENT_LABELS: Record<CaseEventKind, Label> = {
  reported: { zh: '报告', en: 'Reported' },
  attached: { zh: '重复报告，已并入', en: 'Second report attached' },
  reclassified: { zh: '订正分类', en: 'Reclassified' },
  clinical_type: { zh: '临床分型', en: 'Clinical type' },
  status: { zh: '状态变更', en: 'Status' },
  facility: { zh: '收治/隔离地点', en: 'Facility' },
  onset_date: { zh: '发病日期', en: 'Onset date' },
  source: { zh: '传播来源', en: 'Source case' },
  linked: { zh: '经协查并案', en: 'Linked after an assistance request' },
};
