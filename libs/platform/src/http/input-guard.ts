import type { NextFunction, Request, Response } from 'express';
import { invalidInput, type FieldViolation } from './problem.js';

/**
 * The deepest nesting of objects and arrays a request body may have (the body itself is level 1).
 * Commands need a handful of levels; a limit keeps recursive code (validation, canonical JSON,
 * hashing) from overflowing the stack on a crafted body.
 */
export const MAX_JSON_DEPTH = 32;
/** Enough to tell a caller what to fix without echoing a whole crafted body back. */
const MAX_REPORTED = 20;

/** C0 and C1 control characters except tab, line feed and carriage return; PostgreSQL refuses NUL outright. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a string cannot be stored as given, or null. Lone surrogates are refused by PostgreSQL's jsonb too. */
export function stringViolation(field: string, value: string): FieldViolation | null {
  if (CONTROL_CHARACTER.test(value)) {
    return {
      field,
      rule: 'no-control-characters',
      message: 'must not contain control characters (only tab, line feed and carriage return are allowed)',
    };
  }
  if (LONE_SURROGATE.test(value)) {
    return { field, rule: 'well-formed-unicode', message: 'must be well-formed Unicode (no lone surrogates)' };
  }
  return null;
}

const child = (parent: string, key: string) => {
  const name = /^[\w$-]*$/.test(key) ? key : JSON.stringify(key);
  return parent ? `${parent}.${name}` : name;
};

/** Every string, property name and number of a parsed JSON body, down to MAX_JSON_DEPTH. */
export function bodyViolations(body: unknown): FieldViolation[] {
  const found: FieldViolation[] = [];
  const visit = (value: unknown, field: string, depth: number): void => {
    if (found.length >= MAX_REPORTED) return;
    if (typeof value === 'string') {
      const violation = stringViolation(field || '(body)', value);
      if (violation) found.push(violation);
    } else if (typeof value === 'number') {
      if (!Number.isFinite(value))
        found.push({ field, rule: 'finite-number', message: 'must be a finite number (1e400 overflows to Infinity)' });
    } else if (value !== null && typeof value === 'object') {
      if (depth > MAX_JSON_DEPTH) {
        found.push({
          field: field || '(body)',
          rule: 'max-depth',
          message: `nests objects and arrays deeper than ${MAX_JSON_DEPTH} levels`,
        });
        return;
      }
      if (Array.isArray(value)) {
        value.forEach((item, i) => visit(item, `${field}[${i}]`, depth + 1));
        return;
      }
      for (const [key, item] of Object.entries(value)) {
        const name = child(field, key);
        const keyViolation = stringViolation(name, key);
        if (keyViolation) found.push({ ...keyViolation, message: `property name ${keyViolation.message}` });
        visit(item, name, depth + 1);
      }
    }
  };
  visit(body, '', 1);
  return found.slice(0, MAX_REPORTED);
}

/** Every query parameter is a single string: `?status=a&status=b` is ambiguous, so it is refused. */
export function queryViolations(query: Record<string, unknown>): FieldViolation[] {
  const found: FieldViolation[] = [];
  for (const [name, value] of Object.entries(query)) {
    const keyViolation = stringViolation(name, name);
    if (keyViolation) found.push(keyViolation);
    if (typeof value !== 'string') {
      found.push({ field: name, rule: 'single-value', message: `query parameter ${name} may be given once` });
      continue;
    }
    const violation = stringViolation(name, value);
    if (violation) found.push(violation);
  }
  return found.slice(0, MAX_REPORTED);
}

/**
 * Refuses, for every route of every service, what no DTO can describe: control characters, lone
 * surrogates, non-finite numbers and excessive nesting anywhere in the body, repeated query
 * parameters. Runs after the JSON body parser and before routing, so nothing reaches a handler.
 */
export function inputGuardMiddleware() {
  return (request: Request, _response: Response, next: NextFunction) => {
    const violations = [...queryViolations(request.query as Record<string, unknown>), ...bodyViolations(request.body)];
    next(violations.length > 0 ? invalidInput(violations.slice(0, MAX_REPORTED)) : undefined);
  };
}
