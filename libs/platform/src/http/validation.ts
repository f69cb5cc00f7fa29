import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { id } from '@upgrade-control/contracts';
import { stringViolation } from './input-guard.js';
import { invalidInput, type FieldViolation } from './problem.js';

function flatten(errors: ValidationError[], parent = ''): FieldViolation[] {
  return errors.flatMap((error) => {
    const field = parent
      ? /^\d+$/.test(error.property)
        ? `${parent}[${error.property}]`
        : `${parent}.${error.property}`
      : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([rule, message]) => ({ field, rule, message }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/**
 * Path parameters name streams and rows (upgrade, asset, step…): identifiers as the event contracts
 * define them, so a 500-character or NUL-bearing id is refused here rather than by the database.
 */
function pathViolations(params: unknown, name: string | undefined): FieldViolation[] {
  const entries = typeof params === 'string' ? [[name ?? '(path)', params] as const] : Object.entries(params ?? {});
  return entries.flatMap(([field, value]): FieldViolation[] => {
    if (typeof value !== 'string') return [];
    const violation = stringViolation(field, value);
    if (violation) return [violation];
    if (!id.safeParse(value).success)
      return [{ field, rule: 'identifier', message: 'a path parameter is an identifier of 1 to 200 characters' }];
    return [];
  });
}

/** Whitelist, forbid unknown properties, and report every violation with its field and rule. */
class InputValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'param') {
      const violations = pathViolations(value, metadata.data);
      if (violations.length > 0) throw invalidInput(violations);
    }
    return super.transform(value, metadata);
  }
}

export const createValidationPipe = () =>
  new InputValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => invalidInput(flatten(errors)),
  });
