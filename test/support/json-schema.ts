import { readFileSync, readdirSync } from 'node:fs'
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'

/**
 * JSON Schema validation (draft 2020-12, ajv + ajv-formats) against a folder of test/fixtures.
 * MyJVN's oka schemas refer to each other by file name (`csaf_json_schema_2.1.json`,
 * `jvnpid_extension_1.0.json`), some with a relative or versioned `$id`: every file of the folder
 * is registered under `<base>/<file name>` so that those references resolve offline. References to
 * schemas the folder does not hold (SSVC's Decision_Point) are accepted as anything. The schemas
 * themselves are not checked against the meta-schema (one of MyJVN's STIX schemas fails it).
 */
export function jsonSchemaValidator(folder: string, opts: { base: string; stubs?: string[] }): (file: string) => ValidateFunction {
  const dir = new URL(`../fixtures/${folder}/`, import.meta.url)
  const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: true, validateSchema: false, multipleOfPrecision: 6 })
  addFormats(ajv)
  // A stub accepts anything at the pointers MyJVN's SSVC schema uses.
  const anything = { $defs: { schemaVersion: {}, decision_point: { properties: { name: {}, namespace: {}, version: {} } }, decision_point_value: { properties: { name: {} } } } }
  for (const stub of opts.stubs ?? []) ajv.addSchema({ $id: stub, ...anything })
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    const schema = JSON.parse(readFileSync(new URL(file, dir), 'utf8')) as Record<string, unknown>
    delete schema.$schema
    schema.$id = `${opts.base}/${file}`
    dropMisplacedTypes(schema)
    ajv.addSchema(schema)
  }
  const compiled = new Map<string, ValidateFunction>()
  return (file) => {
    let v = compiled.get(file)
    if (!v) {
      v = ajv.getSchema(`${opts.base}/${file}`)
      if (!v) throw new Error(`no schema ${file} in ${folder}`)
      compiled.set(file, v)
    }
    return v
  }
}

/**
 * MyJVN's csaf_json_schema_2.1.json writes two property definitions (`source`, `type`) beside a
 * `$ref` instead of under `properties`, so `type` holds an object, which no validator compiles.
 * Such a `type` (and its `source` sibling) is dropped: the rest of the schema applies unchanged.
 */
function dropMisplacedTypes(node: unknown): void {
  if (Array.isArray(node)) { node.forEach(dropMisplacedTypes); return }
  if (!node || typeof node !== 'object') return
  const o = node as Record<string, unknown>
  if (o.type && typeof o.type === 'object' && !Array.isArray(o.type)) {
    delete o.type
    if (o.source && typeof o.source === 'object') delete o.source
  }
  for (const [k, v] of Object.entries(o)) {
    // Under `properties` the keys are property names (a property may be called `type`): walk each definition.
    if (k === 'properties' && v && typeof v === 'object') for (const child of Object.values(v)) dropMisplacedTypes(child)
    else dropMisplacedTypes(v)
  }
}

/** The MyJVN oka schemas (test/fixtures/myjvn/schemas/oka). */
export const myjvnSchema = jsonSchemaValidator('myjvn/schemas/oka', {
  base: 'https://jvndb.jvn.jp/schema',
  stubs: ['https://certcc.github.io/SSVC/data/schema/v1/Decision_Point-1-0-1.schema.json'],
})

/** Validation errors of `data` against one schema, readable in a test failure; empty when valid. */
export function jsonSchemaErrors(validate: ValidateFunction, data: unknown): string[] {
  return validate(data) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`)
}
