export * from './client.js';
export { ApiProblem, ok, refusal, type Answer, type FetchResult, type Problem } from './problem.js';
export * from './eventually.js';
export * from './pages.js';
export * from './events.js';
export type { paths, components, operations } from './generated/api-types.js';
export { ROUTES, SERVICE_NAMES, type ServiceName } from './generated/routes.js';
