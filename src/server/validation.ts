// Turns the first schema violation into an error that names the field in the caller's language.
import type { FastifySchemaValidationError } from 'fastify/types/schema';
import { AppError, validationError } from './errors';
import { DATE_RANGE_KEYWORD } from './typebox';

function problemOf(e: FastifySchemaValidationError): { zh: string; en: string } {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required': return { zh: '为必填项', en: 'is required' };
    case 'type': return { zh: `类型应为 ${p.type}`, en: `must be of type ${p.type}` };
    case 'format': return { zh: `格式不正确（应为 ${p.format}）`, en: `must be a valid ${p.format}` };
    case 'enum':
    case 'const':
    case 'anyOf': return { zh: '取值不在允许范围内', en: 'has a value that is not allowed' };
    case 'minimum': return { zh: `不能小于 ${p.limit}`, en: `must be at least ${p.limit}` };
    case 'maximum': return { zh: `不能大于 ${p.limit}`, en: `must be at most ${p.limit}` };
    case 'exclusiveMinimum': return { zh: `须大于 ${p.limit}`, en: `must be greater than ${p.limit}` };
    case 'minLength': return { zh: p.limit === 1 ? '不能为空' : `长度不能少于 ${p.limit}`, en: p.limit === 1 ? 'must not be empty' : `must be at least ${p.limit} characters` };
    case 'maxLength': return { zh: `长度不能超过 ${p.limit}`, en: `must be at most ${p.limit} characters` };
    case 'minItems': return { zh: `至少 ${p.limit} 项`, en: `must have at least ${p.limit} items` };
    case 'maxItems': return { zh: `最多 ${p.limit} 项`, en: `must have at most ${p.limit} items` };
    case 'pattern': return { zh: '格式不正确', en: 'has the wrong format' };
    case 'additionalProperties': return { zh: '不是可识别的字段', en: 'is not a known field' };
    case DATE_RANGE_KEYWORD:
      if (p.problem === 'too_early') return { zh: `不能早于 ${p.limit}`, en: `must not be before ${p.limit}` };
      if (p.problem === 'too_late') return { zh: `不能晚于 ${p.limit}`, en: `must not be after ${p.limit}` };
      return { zh: '不是有效的日期或时间', en: 'is not a valid date or time' };
    default: return { zh: '不符合要求', en: 'is invalid' };
  }
}

export function fieldOf(e: FastifySchemaValidationError, context: string): string {
  const path = e.instancePath.split('/').filter(Boolean);
  const p = e.params as Record<string, unknown>;
  if (e.keyword === 'required' && typeof p.missingProperty === 'string') path.push(p.missingProperty);
  if (e.keyword === 'additionalProperties' && typeof p.additionalProperty === 'string') path.push(p.additionalProperty);
  const field = path.map((s, i) => (/^\d+$/.test(s) ? `[${s}]` : (i ? '.' : '') + s)).join('');
  return field || (context === 'body' ? 'body' : context);
}

export function schemaError(errors: FastifySchemaValidationError[], context: string): AppError {
  const first = errors[0];
  return validationError(fieldOf(first, context), problemOf(first));
}
