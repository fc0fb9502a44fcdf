/**
 * Checks of a USDM document against CDISC's own files (shared/usdm): the API schema
 * (`Wrapper-Input` of USDM_API.json, OpenAPI 3.1 = JSON Schema 2020-12, with ajv), the UML's
 * classes and cardinalities (dataStructure.yml), which the API schema does not enforce, and the
 * ids: unique, and every `…Id`/`…Ids` reference resolving. Each returns a list of problems, empty
 * when the document passes.
 */

import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { load } from 'js-yaml';

/** shared/usdm beside the repository (as on every machine of the project and in CI), or $TRIAL_SHARED/usdm. */
export const USDM_DIR = join(process.env.TRIAL_SHARED ?? resolve(__dirname, '..', '..', '..', 'shared'), 'usdm');
export const CORPUS_DIR = join(process.env.TRIAL_SHARED ?? resolve(__dirname, '..', '..', '..', 'shared'), 'ctgov-corpus');

export function usdmFilesPresent(): boolean {
  return existsSync(join(USDM_DIR, 'USDM_API.json')) && existsSync(join(USDM_DIR, 'dataStructure.yml'));
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// ---- the API schema --------------------------------------------------------------------------

let schemaValidator: ((document: unknown) => string[]) | undefined;

/** Problems of the document against `Wrapper-Input` of USDM_API.json, its `$ref`s resolved within the file. */
export function schemaProblems(document: unknown): string[] {
  if (!schemaValidator) {
    const api = JSON.parse(readFileSync(join(USDM_DIR, 'USDM_API.json'), 'utf8')) as { components: unknown };
    // OpenAPI's own keywords (`title`, `default` are JSON Schema's too) are not validation keywords; strict mode would reject the file for them.
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    ajv.addSchema({ $id: 'usdm-api.json', components: api.components });
    const validate = ajv.compile({ $ref: 'usdm-api.json#/components/schemas/Wrapper-Input' });
    schemaValidator = (document) =>
      validate(document) ? [] : (validate.errors ?? []).slice(0, 20).map((error) => `${error.instancePath || '/'} ${error.message}`);
  }
  return schemaValidator(document);
}

// ---- the UML ---------------------------------------------------------------------------------

interface UmlAttribute {
  readonly cardinality: string;
  readonly types: readonly string[];
  readonly relationship: 'Value' | 'Ref';
}

interface UmlClass {
  readonly abstract: boolean;
  readonly subClasses: readonly string[];
  readonly attributes: ReadonlyMap<string, UmlAttribute>;
}

export type Uml = ReadonlyMap<string, UmlClass>;

let uml: Uml | undefined;

/** The classes of dataStructure.yml: each attribute (inherited ones included) with its cardinality, types and whether it is a reference. */
export function loadUml(): Uml {
  if (uml) return uml;
  const raw = load(readFileSync(join(USDM_DIR, 'dataStructure.yml'), 'utf8')) as Record<string, Record<string, unknown>>;
  const classes = new Map<string, UmlClass>();
  const refName = (entry: unknown) => String((entry as { $ref: string }).$ref).replace(/^#\//, '');
  for (const [name, definition] of Object.entries(raw)) {
    const attributes = new Map<string, UmlAttribute>();
    for (const [attribute, spec] of Object.entries((definition.Attributes ?? {}) as Record<string, Record<string, unknown>>)) {
      attributes.set(attribute, {
        cardinality: String(spec.Cardinality),
        types: ((spec.Type ?? []) as unknown[]).map(refName),
        relationship: spec['Relationship Type'] === 'Ref' ? 'Ref' : 'Value',
      });
    }
    classes.set(name, {
      abstract: definition.Modifier === 'Abstract',
      subClasses: ((definition['Sub Classes'] ?? []) as unknown[]).map(refName),
      attributes,
    });
  }
  uml = classes;
  return classes;
}

/** The concrete classes an attribute of the given types may hold: the types and their subclasses, less the abstract ones. */
function concreteClasses(model: Uml, types: readonly string[]): Set<string> {
  const out = new Set<string>();
  const visit = (name: string) => {
    const found = model.get(name);
    if (!found) return;
    if (!found.abstract) out.add(name);
    for (const sub of found.subClasses) visit(sub);
  };
  types.forEach(visit);
  return out;
}

const PRIMITIVES: Readonly<Record<string, (value: Json) => boolean>> = {
  string: (value) => typeof value === 'string',
  float: (value) => typeof value === 'number',
  integer: (value) => Number.isInteger(value),
  boolean: (value) => typeof value === 'boolean',
  date: (value) => typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value),
};

/**
 * Problems of the document against the UML: an unknown class, an attribute the class does not
 * have, a required attribute missing (cardinality 1) or empty (1..*), a list where one value
 * belongs or one value where a list belongs, a value of the wrong class or primitive type, and a
 * reference to an object of the wrong class.
 */
export function umlProblems(document: unknown): string[] {
  const model = loadUml();
  const problems: string[] = [];
  const byId = new Map<string, string>();
  const references: { path: string; id: string; allowed: Set<string> }[] = [];

  const visit = (value: JsonObject, path: string) => {
    const className = String(value.instanceType);
    const definition = model.get(className);
    if (!definition || definition.abstract) {
      problems.push(`${path}: ${className} is not a concrete class of the UML`);
      return;
    }
    if (typeof value.id === 'string') byId.set(value.id, className);
    for (const key of Object.keys(value)) if (!definition.attributes.has(key)) problems.push(`${path}: ${className} has no attribute ${key}`);
    for (const [name, attribute] of definition.attributes) {
      const at = `${path}.${name}`;
      const present = value[name] !== undefined && value[name] !== null;
      const many = attribute.cardinality.endsWith('*') || attribute.cardinality === '0..2';
      if (!present) {
        if (attribute.cardinality.startsWith('1')) problems.push(`${at}: required (${attribute.cardinality}) and missing`);
        continue;
      }
      const found = value[name];
      if (many !== Array.isArray(found)) {
        problems.push(`${at}: ${many ? 'a list' : 'one value'} expected (${attribute.cardinality})`);
        continue;
      }
      const values = (Array.isArray(found) ? found : [found]) as Json[];
      if (attribute.cardinality === '1..*' && values.length === 0) problems.push(`${at}: at least one value required`);
      if (attribute.cardinality === '0..2' && values.length > 2) problems.push(`${at}: at most two values`);
      values.forEach((item, index) => {
        const itemPath = Array.isArray(found) ? `${at}[${index}]` : at;
        const primitive = attribute.types.length === 1 ? PRIMITIVES[attribute.types[0]] : undefined;
        if (attribute.relationship === 'Ref') {
          if (typeof item !== 'string') problems.push(`${itemPath}: a reference is an id string`);
          else references.push({ path: itemPath, id: item, allowed: concreteClasses(model, attribute.types) });
        } else if (primitive) {
          if (!primitive(item)) problems.push(`${itemPath}: not a ${attribute.types[0]}`);
        } else if (!isObject(item)) {
          problems.push(`${itemPath}: an object expected`);
        } else {
          const allowed = concreteClasses(model, attribute.types);
          if (!allowed.has(String(item.instanceType))) problems.push(`${itemPath}: ${String(item.instanceType)} where ${[...allowed].join(' or ')} belongs`);
          else visit(item, itemPath);
        }
      });
    }
  };

  if (!isObject(document) || !isObject(document.study)) return ['the document has no study object'];
  visit(document.study, 'study');
  for (const reference of references) {
    const target = byId.get(reference.id);
    if (target !== undefined && !reference.allowed.has(target))
      problems.push(`${reference.path}: refers to a ${target}, not a ${[...reference.allowed].join(' or ')}`);
  }
  return problems;
}

// ---- ids ---------------------------------------------------------------------------------------

/** Problems of the ids: an id used twice, and a `…Id` or `…Ids` value naming no object of the document. */
export function idProblems(document: unknown): string[] {
  const problems: string[] = [];
  const ids = new Map<string, string>();
  const references: { path: string; id: string }[] = [];
  const walk = (value: Json, path: string) => {
    if (Array.isArray(value)) {
      value.forEach((item, index) => walk(item, `${path}[${index}]`));
      return;
    }
    if (!isObject(value)) return;
    if (typeof value.id === 'string') {
      if (ids.has(value.id)) problems.push(`${path}: id ${value.id} is also the id of ${ids.get(value.id)}`);
      else ids.set(value.id, path);
    }
    for (const [key, inner] of Object.entries(value)) {
      if (/Id$/.test(key) && typeof inner === 'string') references.push({ path: `${path}.${key}`, id: inner });
      else if (/Ids$/.test(key) && Array.isArray(inner))
        inner.forEach((id, index) => typeof id === 'string' && references.push({ path: `${path}.${key}[${index}]`, id }));
      walk(inner, `${path}.${key}`);
    }
  };
  walk(document as Json, '');
  for (const reference of references) if (!ids.has(reference.id)) problems.push(`${reference.path}: ${reference.id} names no object of the document`);
  return problems;
}

// ---- walking -----------------------------------------------------------------------------------

/** Every object of a class in the document. */
export function objectsOf(document: unknown, instanceType: string): JsonObject[] {
  const out: JsonObject[] = [];
  const walk = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (isObject(value)) {
      if (value.instanceType === instanceType) out.push(value);
      Object.values(value).forEach(walk);
    }
  };
  walk(document);
  return out;
}
