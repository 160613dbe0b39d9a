// Display names of the shared enumerations, in Chinese and English (used by exports and the web app).
import type { Disposition, DocumentType, EntryPointKind, HealthCodeColor, Role, Stage, TransportMode, UnitKind } from './enums';
import type { CareGroup, CareNeed, CareTaskStatus } from './enums';
import type { CaseClassification, CaseFoundBy, CaseOrigin, CaseStatus, ClinicalType, ContactDegree, ContactStatus, ExposureSetting } from './enums';

export type Label = { zh: string; en: string };

export const ROLE_LABELS: Record<Role, Label> = {
  admin: { zh: '系统管理员', en: 'Administrator' },
  command: { zh: '指挥部', en: 'Command centre' },
  triage_desk: { zh: '分流点录入', en: 'Triage desk' },
  subdistrict: { zh: '街道', en: 'Subdistrict' },
  community: { zh: '社区', en: 'Community' },
  hotel: { zh: '留观酒店', en: 'Observation hotel' },
  cdc: { zh: '疾控流调', en: 'CDC epidemiologist' },
};

export const DOCUMENT_TYPE_LABELS: Record<DocumentType, Label> = {
  resident_id: { zh: '居民身份证', en: 'Resident ID card' },
  passport: { zh: '护照', en: 'Passport' },
  hk_macao_permit: { zh: '港澳居民来往内地通行证', en: 'Hong Kong/Macao permit' },
  taiwan_permit: { zh: '台湾居民来往大陆通行证', en: 'Taiwan permit' },
  other: { zh: '其他证件', en: 'Other document' },
};

export const COLOR_LABELS: Record<HealthCodeColor, Label> = {
  green: { zh: '绿码', en: 'Green' },
  yellow: { zh: '黄码', en: 'Yellow' },
  red: { zh: '红码', en: 'Red' },
};

export const TRANSPORT_LABELS: Record<TransportMode, Label> = {
  flight: { zh: '飞机', en: 'Flight' },
  train: { zh: '火车', en: 'Train' },
  road: { zh: '公路', en: 'Road' },
  other: { zh: '其他', en: 'Other' },
};

export const DISPOSITION_LABELS: Record<Disposition, Label> = {
  fever_clinic: { zh: '发热门诊', en: 'Fever clinic' },
  centralised_isolation: { zh: '集中隔离', en: 'Centralised isolation' },
  centralised_observation: { zh: '集中医学观察', en: 'Centralised observation' },
  employer_hotel: { zh: '单位指定酒店观察', en: "Employer's designated hotel" },
  home_observation: { zh: '居家医学观察', en: 'Home medical observation' },
};

export const STAGE_LABELS: Record<Stage, Label> = {
  registered: { zh: '已登记，待街道/单位接收', en: 'Registered, awaiting subdistrict/unit' },
  unit_received: { zh: '街道/单位已接收，待社区/酒店接收', en: 'Received by subdistrict/unit, awaiting community/hotel' },
  observation_started: { zh: '社区/酒店已接收，开始医学观察', en: 'Received by community/hotel, observation started' },
};

export const ENTRY_POINT_KIND_LABELS: Record<EntryPointKind, Label> = {
  airport: { zh: '机场', en: 'Airport' },
  railway_station: { zh: '火车站', en: 'Railway station' },
  road_checkpoint: { zh: '公路检查站', en: 'Road checkpoint' },
  triage_point: { zh: '分流点', en: 'Triage point' },
};

export const UNIT_KIND_LABELS: Record<UnitKind, Label> = {
  economic_zone: { zh: '经济功能区', en: 'Economic zone' },
  agency: { zh: '驻市机关事业单位', en: 'Government body' },
  enterprise: { zh: '企业', en: 'Enterprise' },
  hotel: { zh: '定点留观酒店', en: 'Observation hotel' },
  isolation_site: { zh: '集中隔离点', en: 'Isolation site' },
};

export const SYMPTOM_LABELS: Record<string, Label> = {
  fever: { zh: '发热', en: 'Fever' },
  cough: { zh: '咳嗽', en: 'Cough' },
  sore_throat: { zh: '咽痛', en: 'Sore throat' },
  fatigue: { zh: '乏力', en: 'Fatigue' },
  loss_of_smell: { zh: '嗅觉味觉减退', en: 'Loss of smell or taste' },
  diarrhoea: { zh: '腹泻', en: 'Diarrhoea' },
  shortness_of_breath: { zh: '呼吸困难', en: 'Shortness of breath' },
  other: { zh: '其他', en: 'Other' },
};

export const CARE_GROUP_LABELS: Record<CareGroup, Label> = {
  elderly: { zh: '老年人', en: 'Elderly' },
  chronically_ill: { zh: '慢性病患者', en: 'Chronically ill' },
  disabled: { zh: '残疾人', en: 'Disabled' },
  pregnant: { zh: '孕产妇', en: 'Pregnant or postpartum' },
  child_alone: { zh: '独居儿童/留守儿童', en: 'Child alone or left behind' },
};

export const CARE_NEED_LABELS: Record<CareNeed, Label> = {
  medicine: { zh: '药品', en: 'Medicine' },
  dialysis: { zh: '透析', en: 'Dialysis' },
  antenatal_care: { zh: '产检', en: 'Antenatal care' },
  food: { zh: '生活物资', en: 'Food and daily supplies' },
  other: { zh: '其他', en: 'Other' },
};

export const CARE_TASK_STATUS_LABELS: Record<CareTaskStatus, Label> = {
  open: { zh: '待办', en: 'Open' },
  done: { zh: '已完成', en: 'Done' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
};

export const CLASSIFICATION_LABELS: Record<CaseClassification, Label> = {
  confirmed: { zh: '确诊病例', en: 'Confirmed case' },
  asymptomatic: { zh: '无症状感染者', en: 'Asymptomatic infection' },
};

export const CLINICAL_TYPE_LABELS: Record<ClinicalType, Label> = {
  mild: { zh: '轻型', en: 'Mild' },
  moderate: { zh: '普通型', en: 'Moderate' },
  severe: { zh: '重型', en: 'Severe' },
  critical: { zh: '危重型', en: 'Critical' },
};

export const CASE_ORIGIN_LABELS: Record<CaseOrigin, Label> = {
  local: { zh: '本土', en: 'Local' },
  imported: { zh: '输入', en: 'Imported' },
};

export const FOUND_BY_LABELS: Record<CaseFoundBy, Label> = {
  arrival_screening: { zh: '入境（返岗）筛查', en: 'Arrival screening' },
  community_screening: { zh: '社区筛查', en: 'Community screening' },
  fever_clinic: { zh: '发热门诊', en: 'Fever clinic' },
  contact_control: { zh: '密接管控中发现', en: 'Found under contact control' },
  mass_screening: { zh: '全员核酸筛查', en: 'Mass screening' },
};

export const CASE_STATUS_LABELS: Record<CaseStatus, Label> = {
  reported: { zh: '已报告，待转运', en: 'Reported, awaiting transfer' },
  isolated: { zh: '隔离医学观察中', en: 'In isolation' },
  admitted: { zh: '住院（方舱）治疗中', en: 'Admitted' },
  cured_discharged: { zh: '治愈出院', en: 'Cured and discharged' },
  released: { zh: '解除隔离医学观察', en: 'Released from isolation' },
  died: { zh: '死亡', en: 'Died' },
  linked: { zh: '已并案（经协查）', en: 'Linked to the case on record (assistance request)' },
};

export const EXPOSURE_SETTING_LABELS: Record<ExposureSetting, Label> = {
  household: { zh: '家庭', en: 'Household' },
  work: { zh: '工作场所', en: 'Workplace' },
  transport: { zh: '交通工具', en: 'Transport' },
  venue: { zh: '公共场所', en: 'Venue' },
  gathering: { zh: '聚集活动', en: 'Gathering' },
};

export const CONTACT_DEGREE_LABELS: Record<ContactDegree, Label> = {
  close: { zh: '密切接触者', en: 'Close contact' },
  secondary: { zh: '密接的密接', en: 'Secondary contact' },
};

export const CONTACT_STATUS_LABELS: Record<ContactStatus, Label> = {
  under_control: { zh: '管控中', en: 'Under control' },
  released: { zh: '已解除', en: 'Released' },
  ended: { zh: '已转出或结束', en: 'Transferred or ended' },
  positive: { zh: '已转为病例', en: 'Became a case' },
};
