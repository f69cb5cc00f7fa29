/**
 * An append refused because an event would break its own published contract. Input checks at the
 * edge should make this unreachable; where one is missed, the caller still gets a 400 naming the
 * field instead of a 500, and nothing is written.
 */
export class ContractViolationError extends Error {
  constructor(
    readonly eventType: string,
    readonly issues: { path: string; message: string }[],
    message: string,
  ) {
    super(`refusing to append: ${message}`);
    this.name = 'ContractViolationError';
  }
}
