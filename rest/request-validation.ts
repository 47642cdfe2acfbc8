import { LegacyGatewayCode } from '../core/error-codes';
import { UUID_PATTERNS, type IdKind } from '../core/account-ids';
import { RestRejection } from './envelope';
import { goFieldName, type BoundRequest, type BoundValue, type FieldSpecs, type UploadedFile } from './field-specs';

type Check = (value: BoundValue) => boolean;

const isEmpty = (v: BoundValue) =>
  v === undefined || v === '' || v === 0 || (Array.isArray(v) && v.length === 0) || (isFile(v) && v.data.length === 0);
const isFile = (v: BoundValue): v is UploadedFile => typeof v === 'object' && v !== null && 'data' in v;
const lengthOf = (v: BoundValue) => (typeof v === 'string' ? [...v].length : Array.isArray(v) ? v.length : undefined);
const HANGUL = /^[\uAC00-\uD7A3\u1100-\u11FF\u3130-\u318F]+$/u;

/** The legacy validator rules (go-playground built-ins plus the gateway's custom ones, legacy-api.md §0.5). */
function checkFor(tag: string, param: string | undefined): Check {
  switch (tag) {
    case 'required':
      return (v) => !isEmpty(v);
    case 'min':
      return (v) => (typeof v === 'number' ? v >= Number(param) : (lengthOf(v) ?? 0) >= Number(param));
    case 'max':
      return (v) => (typeof v === 'number' ? v <= Number(param) : (lengthOf(v) ?? 0) <= Number(param));
    case 'len':
      return (v) => lengthOf(v) === Number(param);
    case 'int_range': {
      const [lo, hi] = (param ?? '').split('~').map(Number);
      return (v) => typeof v !== 'number' || (v >= (lo as number) && v <= (hi as number));
    }
    case 'korean':
      return (v) => typeof v !== 'string' || v === '' || HANGUL.test(v);
    case 'phone_number':
      return (v) => typeof v !== 'string' || v === '' || /^010\d{8}/.test(v);
    case 'uuid':
      return (v) => typeof v !== 'string' || v === '' || UUID_PATTERNS[param as IdKind].test(v);
    case 'time':
      return (v) => typeof v !== 'string' || v === '' || /\d{4}-\d{2}-\d{2}/.test(v);
    case 'values': {
      const allowed = new Set((param ?? '').split('&'));
      return (v) => typeof v !== 'string' || v === '' || allowed.has(v);
    }
    case 'int_len':
      return (v) => typeof v !== 'number' || v === 0 || String(Math.abs(v)).length === Number(param);
    default:
      throw new Error(`unknown validation rule ${tag}`);
  }
}

/** Compiled once per route: each field's rules in tag order, as the validator ran them. */
export function compileValidator(structName: string, specs: FieldSpecs) {
  const fields = Object.entries(specs).map(([name, [, rules = '']]) => ({
    name,
    goName: goFieldName(name),
    checks: rules
      .split(',')
      .filter(Boolean)
      .map((rule) => {
        const [tag = '', param] = rule.split('=');
        return { tag, check: checkFor(tag, param) };
      }),
  }));
  /** Throws 400 −203 with the validator's text for every failed field, as the legacy gateway answered. */
  return (request: BoundRequest): void => {
    const failures: string[] = [];
    for (const field of fields) {
      const value = request[field.name];
      const optional = !field.checks.some((c) => c.tag === 'required');
      if (optional && isEmpty(value)) continue;
      const failed = field.checks.find((c) => !c.check(value));
      if (failed) {
        failures.push(
          `Key: '${structName}.${field.goName}' Error:Field validation for '${field.goName}' failed on the '${failed.tag}' tag`,
        );
      }
    }
    if (failures.length > 0) {
      throw new RestRejection(
        400,
        LegacyGatewayCode.VALIDATION_FAILURE,
        `request is not valid: ${failures.join('\n')}`,
      );
    }
  };
}
