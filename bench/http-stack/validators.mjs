// The registration DTO's rules (apps/inventory/src/api/asset.dto.ts) stated once as JSON Schema,
// compiled by ajv, and once in zod, each reporting violations as the platform does (field, rule,
// message), so that the `http-stack` item compares validators doing the same work. @nestjs/swagger's
// document cannot serve: it states the DTO's shape but not its lengths and patterns.
import { Ajv } from 'ajv';
import { z } from 'zod';
import { ASSET_KINDS, CRITICALITIES, WEEKDAYS } from '@upgrade-control/contracts';

const text = (max) => ({ type: 'string', minLength: 1, maxLength: max });
const texts = { type: 'array', maxItems: 200, items: text(200) };
const time = { type: 'string', pattern: '^([01]\\d|2[0-3]):[0-5]\\d$' };
const schema = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'kind', 'product', 'version', 'site', 'node', 'criticality', 'owner'],
  properties: {
    assetId: { type: 'string', pattern: '^[a-z0-9][a-z0-9._-]{0,99}$' },
    name: text(200),
    kind: { enum: ASSET_KINDS },
    product: text(200),
    version: text(100),
    site: text(200),
    node: text(200),
    attributes: { type: 'object', additionalProperties: { type: 'string' } },
    criticality: { enum: CRITICALITIES },
    owner: text(200),
    businessProcesses: texts,
    userGroups: texts,
    peakPeriods: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'days', 'from', 'to', 'timeZone'],
        properties: {
          name: text(100),
          days: { type: 'array', minItems: 1, items: { enum: WEEKDAYS } },
          from: time,
          to: time,
          timeZone: text(64),
        },
      },
    },
    expiresOn: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
  },
};

const checkAjv = new Ajv({ allErrors: true }).compile(schema);
/** ajv's errors as the platform's field violations: `/peakPeriods/0/from` → `peakPeriods[0].from`. */
const ajvField = ({ instancePath, params }) => {
  const path = instancePath
    .replace(/\/(\d+)/g, '[$1]')
    .replace(/\//g, '.')
    .slice(1);
  const named = params.missingProperty ?? params.additionalProperty;
  return [path, named].filter(Boolean).join('.') || '(body)';
};
const ajvViolations = (body) =>
  checkAjv(body) ? [] : checkAjv.errors.map((e) => ({ field: ajvField(e), rule: e.keyword, message: e.message }));

const zText = (max) => z.string().min(1).max(max);
const zTexts = z.array(zText(200)).max(200);
const zTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);
const zSchema = z.strictObject({
  assetId: z
    .string()
    .regex(/^[a-z0-9][a-z0-9._-]{0,99}$/)
    .optional(),
  name: zText(200),
  kind: z.enum(ASSET_KINDS),
  product: zText(200),
  version: zText(100),
  site: zText(200),
  node: zText(200),
  attributes: z.record(z.string(), z.string()).optional(),
  criticality: z.enum(CRITICALITIES),
  owner: zText(200),
  businessProcesses: zTexts.optional(),
  userGroups: zTexts.optional(),
  peakPeriods: z
    .array(
      z.strictObject({
        name: zText(100),
        days: z.array(z.enum(WEEKDAYS)).min(1),
        from: zTime,
        to: zTime,
        timeZone: zText(64),
      }),
    )
    .optional(),
  expiresOn: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
});
const zodViolations = (body) => {
  const result = zSchema.safeParse(body);
  return result.success
    ? []
    : result.error.issues.map((i) => ({
        field:
          i.path.map((p, n) => (typeof p === 'number' ? `[${p}]` : n ? `.${String(p)}` : String(p))).join('') ||
          '(body)',
        rule: i.code,
        message: i.message,
      }));
};

export const compiledValidators = { ajv: ajvViolations, zod: zodViolations };
