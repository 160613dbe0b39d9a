// The deployment's rules (fever threshold, check slots, time zone), loaded from
// the server once a user is logged in so the pages judge readings as the server does.
import { api } from './api/client';
import { DEFAULT_SCHEDULE } from '../../src/domain/observation';
import { TRIAGE_DEFAULTS, type TriageThresholds } from '../../src/domain/triage';
import type { Static } from '@fastify/type-provider-typebox';
import type { PublicSettings } from '../../src/modules/settings/routes';

export type Settings = Static<typeof PublicSettings>;

let current: Settings = {
  region: '54',
  timeZone: 'Asia/Shanghai',
  feverCelsius: TRIAGE_DEFAULTS.feverCelsius,
  highRiskLookbackDays: TRIAGE_DEFAULTS.highRiskLookbackDays,
  handoffOverdueMinutes: 120,
  checks: DEFAULT_SCHEDULE,
};

export function settings(): Settings {
  return current;
}

export function triageThresholds(): TriageThresholds {
  return { feverCelsius: current.feverCelsius, highRiskLookbackDays: current.highRiskLookbackDays };
}

export async function loadSettings(): Promise<void> {
  current = await api.get<Settings>('/settings', undefined, { redirectOn401: false });
}
