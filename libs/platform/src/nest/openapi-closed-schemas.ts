type Json = Record<string, unknown>;

/**
 * Closed object schemas (ADR 28). An answer's shape is a contract: a property the server adds or
 * renames must fail the response validator, not slip through an open schema. So every object
 * schema that lists its properties gets `additionalProperties: false`, centrally, here. A genuine
 * map (asset attributes, a configuration document, any JSON value) is the opt-out: it declares
 * `additionalProperties: <schema>` itself (`true` for any value), and is left as it says.
 * Request bodies are closed by the same rule because the ValidationPipe (whitelist,
 * forbidNonWhitelisted) refuses unknown properties with a 400: the document says what the server does.
 */
export function closeObjectSchemas(document: { paths: object; components?: object }): void {
  for (const schema of documentSchemas(document)) walk(schema, close);
}

/**
 * Where an object schema is still open without having said so: JSON pointers (`#/...`-style
 * paths) of every object schema with neither `additionalProperties` nor `unevaluatedProperties`.
 * Members of an `allOf` are refinements of the whole and are judged as part of it (one closed
 * member closes the whole), so they are not listed themselves.
 */
export function openObjectSchemas(document: { paths: object; components?: object }): string[] {
  const open: string[] = [];
  for (const [where, schema] of documentSchemas(document))
    walk([where, schema], ([at, node]) => {
      if (isObjectSchema(node) && !declaresExtraProperties(node)) open.push(at);
    });
  return open;
}

type Located = [string, unknown];

/** Component schemas and the schemas written inline in operations' request bodies and responses. */
function documentSchemas(document: { paths: object; components?: object }): Located[] {
  const found: Located[] = Object.entries(((document.components as Json | undefined)?.schemas ?? {}) as Json).map(
    ([name, schema]) => [`#/components/schemas/${name}`, schema],
  );
  const mediaSchemas = (at: string, holder: unknown) => {
    for (const [type, media] of Object.entries(((holder as Json | undefined)?.content ?? {}) as Json))
      if ((media as Json).schema) found.push([`${at}/content/${type}/schema`, (media as Json).schema]);
  };
  for (const [name, response] of Object.entries(((document.components as Json | undefined)?.responses ?? {}) as Json))
    mediaSchemas(`#/components/responses/${name}`, response);
  for (const [path, item] of Object.entries(document.paths as Json))
    for (const [method, operation] of Object.entries(item as Json)) {
      const at = `#/paths/${path}/${method}`;
      mediaSchemas(`${at}/requestBody`, (operation as Json).requestBody);
      for (const [status, response] of Object.entries(((operation as Json).responses ?? {}) as Json))
        mediaSchemas(`${at}/responses/${status}`, response);
    }
  return found;
}

function close([, node]: Located): void {
  if (isObjectSchema(node) && (node as Json).properties && !declaresExtraProperties(node))
    (node as Json).additionalProperties = false;
}

/**
 * Visits a schema and the schemas inside it (properties, items, compositions). The members of a
 * many-member `allOf` are refinements of the whole: their insides are visited, not they
 * themselves, since closing one of them on its own would refuse the other members' properties.
 */
function walk([at, node]: Located, visit: (located: Located) => void, refinement = false): void {
  if (typeof node !== 'object' || node === null) return;
  const schema = node as Json;
  if (!refinement) visit([at, schema]);
  for (const [name, property] of Object.entries((schema.properties ?? {}) as Json))
    walk([`${at}/properties/${name}`, property], visit);
  for (const key of ['items', 'additionalProperties', 'not'])
    if (typeof schema[key] === 'object') walk([`${at}/${key}`, schema[key]], visit);
  for (const key of ['anyOf', 'oneOf', 'prefixItems', 'allOf']) {
    const members = (schema[key] ?? []) as unknown[];
    const refinements = key === 'allOf' && members.length > 1;
    members.forEach((member, i) => walk([`${at}/${key}/${i}`, member], visit, refinements));
  }
}

const isObjectSchema = (node: unknown): boolean => {
  const { type, properties } = node as Json;
  return properties !== undefined || type === 'object' || (Array.isArray(type) && type.includes('object'));
};

const declaresExtraProperties = (node: unknown): boolean =>
  (node as Json).additionalProperties !== undefined || (node as Json).unevaluatedProperties !== undefined;
