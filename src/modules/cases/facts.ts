// What a case report or change must say, checked before anything is written.
import type { NodeRow } from '../../db/reference/node-cache';
import type { Ctx, CurrentUser } from '../../server/context';
import { AppError, validationError } from '../../server/errors';
import { isWithin } from '../../domain/division-code';
import { reportProblem } from '../../domain/cases';
import { CLOCK_TOLERANCE_MS } from '../../domain/observation';
import type { CaseOrigin } from '../../domain/enums';
import type { NewCase } from './schemas';

const PROBLEMS = {
  clinical_type_required: { zh: '确诊病例须填写临床分型', en: 'is required for a confirmed case' },
  clinical_type_needs_confirmed: { zh: '只适用于确诊病例', en: 'applies to confirmed cases only' },
  origin_required: { zh: '输入病例须填写来源地', en: 'is required for an imported case' },
  onset_needs_confirmed: { zh: '无症状感染者没有发病日期', en: 'applies to confirmed cases only (an asymptomatic infection has no onset)' },
  positive_after_report: { zh: '不能晚于报告时间', en: 'must not be after the report' },
  onset_after_report: { zh: '不能晚于报告（变更）当天', en: 'must not be after the day it is reported' },
  before_status: { zh: '不能早于当前状态的开始时间', en: 'must not be before the current status began' },
  future: { zh: '不能晚于当前时间', en: 'must not be in the future' },
} as const;

export function problemError(field: string, problem: keyof typeof PROBLEMS): AppError {
  return validationError(field, PROBLEMS[problem]);
}

/** The subtree a listing covers: the caller's own, or one inside it. */
export function scopeOf(user: CurrentUser, within: string | undefined): string {
  const scope = within ?? user.jurisdictionCode;
  if (!isWithin(scope, user.jurisdictionCode)) throw new AppError('outside_scope', {}, 'within');
  return scope;
}

export function notFuture(at: string | undefined, field: string, now: Date): string {
  if (!at) return now.toISOString();
  if (Date.parse(at) > now.getTime() + CLOCK_TOLERANCE_MS) throw problemError(field, 'future');
  return new Date(at).toISOString();
}

/** Whether a node is where a person can live: a community or management unit inside the region. */
export function isResidence(ctx: Ctx, node: NodeRow | undefined): boolean {
  return !!node && isWithin(node.code, ctx.config.region) && (node.level === 'community' || node.level === 'unit');
}

export async function residenceNode(ctx: Ctx, code: string, field: string) {
  const node = (await ctx.nodes.get([code])).get(code);
  if (!isResidence(ctx, node)) throw new AppError('unknown_code', { field, value: code }, field);
  return node!;
}

/** The jurisdiction a case counts for: known, in the region and inside the caller's. */
export async function countingJurisdiction(ctx: Ctx, user: CurrentUser, code: string, field: string): Promise<string> {
  if (!(await ctx.nodes.get([code])).has(code) || !isWithin(code, ctx.config.region)) throw new AppError('unknown_code', { field, value: code }, field);
  if (!isWithin(code, user.jurisdictionCode)) throw new AppError('outside_scope', {}, field);
  return code;
}

export type Facts = Pick<NewCase, 'classification' | 'clinicalType' | 'firstPositiveAt' | 'onsetDate' | 'reportedAt' | 'reportingUnit' | 'status' | 'facility'>;

/** Checks what a report says of the infection; returns its instants normalised. */
export function checkFacts(ctx: Ctx, f: Facts & { origin: CaseOrigin; originCode?: string }, now: Date) {
  const reportedAt = notFuture(f.reportedAt, 'reportedAt', now);
  const firstPositiveAt = new Date(f.firstPositiveAt).toISOString();
  const problem = reportProblem({ ...f, reportedAt, firstPositiveAt }, ctx.config.timeZone);
  if (problem) throw problemError(problem.field, problem.problem);
  return { ...f, reportedAt, firstPositiveAt };
}
