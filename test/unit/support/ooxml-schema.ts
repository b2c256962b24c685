import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import JSZip from 'jszip';

/**
 * Validates every XML part of a .docx against the ECMA-376 Transitional and OPC schemas
 * (test/fixtures/ooxml-schemas) with xmllint, as a strict consumer would read it.
 */

const run = promisify(execFile);
const fixtures = path.resolve(import.meta.dirname, '../../fixtures');
const SCHEMAS = path.join(fixtures, 'ooxml-schemas');
/** xml.xsd and the Dublin Core schemas, which the OOXML schemas import from the web or without a location. */
const SUPPORT = path.join(fixtures, 'xsd-support');

const NS = {
  xml: 'http://www.w3.org/XML/1998/namespace',
  dc: 'http://purl.org/dc/elements/1.1/',
  dcterms: 'http://purl.org/dc/terms/',
  wml: 'http://schemas.openxmlformats.org/wordprocessingml/2006/main',
  core: 'http://schemas.openxmlformats.org/package/2006/metadata/core-properties',
  extended: 'http://schemas.openxmlformats.org/officeDocument/2006/extended-properties',
  custom: 'http://schemas.openxmlformats.org/officeDocument/2006/custom-properties',
  drawingMain: 'http://schemas.openxmlformats.org/drawingml/2006/main',
};

/** A schema that imports the namespaces a part needs from local files, in the order xmllint must meet them. */
const driver = (imports: Array<[string, string]>) =>
  `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:lesson-study:schema-driver">${imports
    .map(([ns, file]) => `<xs:import namespace="${ns}" schemaLocation="${file}"/>`)
    .join('')}</xs:schema>`;

const drivers = {
  wml: driver([
    [NS.xml, path.join(SUPPORT, 'xml.xsd')],
    [NS.wml, path.join(SCHEMAS, 'transitional/wml.xsd')],
  ]),
  theme: driver([
    [NS.xml, path.join(SUPPORT, 'xml.xsd')],
    [NS.drawingMain, path.join(SCHEMAS, 'transitional/dml-main.xsd')],
  ]),
  core: driver([
    [NS.xml, path.join(SUPPORT, 'xml.xsd')],
    [NS.dc, path.join(SUPPORT, 'dc.xsd')],
    [NS.dcterms, path.join(SUPPORT, 'dcterms.xsd')],
    [NS.core, path.join(SCHEMAS, 'opc/opc-coreProperties.xsd')],
  ]),
  extended: driver([[NS.extended, path.join(SCHEMAS, 'transitional/shared-documentPropertiesExtended.xsd')]]),
  custom: driver([[NS.custom, path.join(SCHEMAS, 'transitional/shared-documentPropertiesCustom.xsd')]]),
  contentTypes: path.join(SCHEMAS, 'opc/opc-contentTypes.xsd'),
  relationships: path.join(SCHEMAS, 'opc/opc-relationships.xsd'),
};
type SchemaName = keyof typeof drivers;

/** Which schema a part of a WordprocessingML package is checked against; null for media. */
export const schemaFor = (part: string): SchemaName | null => {
  if (part === '[Content_Types].xml') return 'contentTypes';
  if (part.endsWith('.rels')) return 'relationships';
  if (part === 'docProps/core.xml') return 'core';
  if (part === 'docProps/app.xml') return 'extended';
  if (part === 'docProps/custom.xml') return 'custom';
  if (/^word\/theme\/[^/]+\.xml$/.test(part)) return 'theme';
  if (/^word\/[^/]+\.xml$/.test(part)) return 'wml';
  if (part.endsWith('.xml')) throw new Error(`No schema is known for the part ${part}: add it to schemaFor.`);
  return null;
};

/**
 * Markup Compatibility (ECMA-376 Part 3) as a consumer applies it before validating:
 * attributes and elements of the namespaces a part declares ignorable (`mc:Ignorable`,
 * e.g. Word 2010's w14) are dropped, and so is the attribute itself.
 */
export const withoutIgnorable = (xml: string): string => {
  const ignorable = xml.match(/\smc:Ignorable="([^"]*)"/)?.[1].split(/\s+/).filter(Boolean) ?? [];
  let out = xml.replace(/\smc:Ignorable="[^"]*"/g, '');
  for (const prefix of ignorable) {
    out = out
      .replace(new RegExp(`\\s${prefix}:[\\w.-]+="[^"]*"`, 'g'), '')
      .replace(new RegExp(`<${prefix}:[\\w.-]+(\\s[^>]*)?/>`, 'g'), '')
      .replace(new RegExp(`<(${prefix}:[\\w.-]+)(\\s[^>]*)?>[\\s\\S]*?</\\1>`, 'g'), '');
  }
  return out;
};

let prepared: Promise<Record<SchemaName, string>> | undefined;
/** The driver schemas, written once per test process (they name the fixtures by absolute path). */
const schemaFiles = () =>
  (prepared ??= (async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'ls-ooxml-schemas-'));
    const files = {} as Record<SchemaName, string>;
    for (const [name, value] of Object.entries(drivers) as Array<[SchemaName, string]>) {
      if (value.startsWith('<')) {
        files[name] = path.join(dir, `${name}-driver.xsd`);
        await writeFile(files[name], value);
      } else files[name] = value;
    }
    return files;
  })());

/** xmllint's complaints about one part, or [] when it is valid. */
const validatePart = async (file: string, schema: string): Promise<string[]> => {
  try {
    await run('xmllint', ['--noout', '--nonet', '--schema', schema, file], { maxBuffer: 64 * 1024 * 1024 });
    return [];
  } catch (error) {
    const stderr = String((error as { stderr?: string }).stderr ?? error);
    return stderr
      .split('\n')
      .filter((line) => /error|fails to validate|failed to compile/i.test(line) && !/ validates$/.test(line))
      .map((line) => line.replace(file, path.basename(file)));
  }
};

/** Every schema error of every XML part of the package, as "part: message" lines. */
export const schemaErrors = async (bytes: Uint8Array, workDir: string): Promise<string[]> => {
  const schemas = await schemaFiles();
  const zip = await JSZip.loadAsync(bytes);
  const errors: string[] = [];
  const parts = Object.values(zip.files).filter((f) => !f.dir);
  for (const [i, file] of parts.entries()) {
    const schema = schemaFor(file.name);
    if (!schema) continue;
    const target = path.join(workDir, `part-${i}.xml`);
    await writeFile(target, withoutIgnorable(await file.async('string')));
    for (const line of await validatePart(target, schemas[schema])) errors.push(`${file.name}: ${line}`);
  }
  return errors;
};
