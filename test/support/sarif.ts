/**
 * SARIF 2.1.0 checks shared by the tests that write SARIF (the audit's
 * format, the GitHub Action's file): the official OASIS schema, as
 * Microsoft's SARIF Multitool ships it, and a hand-written structural schema
 * of the spec's and GitHub ingestion's rules (required properties, enums,
 * 1-based regions, no unknown property on the objects we write).
 */
import { Ajv } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Log } from 'sarif';
import { expect } from 'vitest';

/** `additionalProperties: false` with the property names of @types/sarif's interface (the spec's). */
const only = (names: string, extra: Record<string, unknown> = {}) => ({
  type: 'object',
  additionalProperties: false,
  properties: { ...Object.fromEntries(names.split(' ').map((n) => [n, {}])), ...extra },
});
const position = { type: 'integer', minimum: 1 };
const message = { type: 'object', anyOf: [{ required: ['text'] }, { required: ['id'] }], properties: { text: { type: 'string', minLength: 1 }, markdown: { type: 'string' }, id: { type: 'string' } } };
const multiformat = { type: 'object', required: ['text'], properties: { text: { type: 'string', minLength: 1 }, markdown: { type: 'string' } } };
const level = { enum: ['none', 'note', 'warning', 'error'] };

export const minimalSarifSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  definitions: {
    artifactLocation: only('description index uri uriBaseId properties', {
      uri: { type: 'string', minLength: 1, pattern: '^[^\\s\\\\]+$' },
      uriBaseId: { type: 'string' },
      index: { type: 'integer', minimum: -1 },
    }),
    region: {
      ...only('byteLength byteOffset charLength charOffset endColumn endLine message snippet sourceLanguage startColumn startLine properties', {
        startLine: position,
        startColumn: position,
        endLine: position,
        endColumn: position,
        snippet: { type: 'object', required: ['text'], properties: { text: { type: 'string' } } },
      }),
      anyOf: [{ required: ['startLine'] }, { required: ['charOffset'] }, { required: ['byteOffset'] }],
    },
    physicalLocation: {
      ...only('address artifactLocation contextRegion region properties', {
        artifactLocation: { $ref: '#/definitions/artifactLocation' },
        region: { $ref: '#/definitions/region' },
        contextRegion: { $ref: '#/definitions/region' },
      }),
      required: ['artifactLocation'],
    },
    location: only('annotations id logicalLocations message physicalLocation relationships properties', { physicalLocation: { $ref: '#/definitions/physicalLocation' } }),
    replacement: {
      ...only('deletedRegion insertedContent properties', {
        deletedRegion: { $ref: '#/definitions/region' },
        insertedContent: { type: 'object', properties: { text: { type: 'string' } }, required: ['text'] },
      }),
      required: ['deletedRegion'],
    },
    fix: {
      ...only('artifactChanges description properties', {
        description: message,
        artifactChanges: {
          type: 'array',
          minItems: 1,
          items: {
            ...only('artifactLocation replacements properties', {
              artifactLocation: { $ref: '#/definitions/artifactLocation' },
              replacements: { type: 'array', minItems: 1, items: { $ref: '#/definitions/replacement' } },
            }),
            required: ['artifactLocation', 'replacements'],
          },
        },
      }),
      required: ['artifactChanges'],
    },
    result: {
      ...only(
        'analysisTarget attachments baselineState codeFlows correlationGuid fingerprints fixes graphs graphTraversals guid hostedViewerUri kind level locations message occurrenceCount partialFingerprints provenance rank relatedLocations rule ruleId ruleIndex stacks suppressions taxa webRequest webResponse workItemUris properties',
        {
          ruleId: { type: 'string', minLength: 1 },
          ruleIndex: { type: 'integer', minimum: -1 },
          level,
          kind: { enum: ['notApplicable', 'pass', 'fail', 'review', 'open', 'informational'] },
          message,
          locations: { type: 'array', minItems: 1, items: { $ref: '#/definitions/location' } },
          partialFingerprints: { type: 'object', additionalProperties: { type: 'string' } },
          fixes: { type: 'array', items: { $ref: '#/definitions/fix' } },
          properties: { type: 'object', properties: { tags: { type: 'array', items: { type: 'string' }, uniqueItems: true } } },
        },
      ),
      required: ['message', 'ruleId', 'locations'],
    },
    reportingDescriptor: {
      ...only(
        'defaultConfiguration deprecatedGuids deprecatedIds deprecatedNames fullDescription guid help helpUri id messageStrings name relationships shortDescription properties',
        {
          id: { type: 'string', minLength: 1 },
          name: { type: 'string' },
          shortDescription: multiformat,
          fullDescription: multiformat,
          help: multiformat,
          helpUri: { type: 'string', format: 'uri' },
          defaultConfiguration: { type: 'object', properties: { level } },
        },
      ),
      required: ['id', 'shortDescription', 'helpUri', 'help'],
    },
    notification: {
      ...only('associatedRule descriptor exception level locations message threadId timeUtc properties', {
        level,
        message,
        locations: { type: 'array', items: { $ref: '#/definitions/location' } },
      }),
      required: ['message'],
    },
  },
  type: 'object',
  required: ['version', 'runs'],
  additionalProperties: false,
  properties: {
    $schema: { type: 'string', format: 'uri' },
    version: { const: '2.1.0' },
    inlineExternalProperties: {},
    properties: {},
    runs: {
      type: 'array',
      minItems: 1,
      items: {
        ...only(
          'addresses artifacts automationDetails baselineGuid columnKind conversion defaultEncoding defaultSourceLanguage externalPropertyFileReferences graphs invocations language logicalLocations newlineSequences originalUriBaseIds policies redactionTokens results runAggregates specialLocations taxonomies threadFlowLocations tool translations versionControlProvenance webRequests webResponses properties',
          {
            tool: {
              type: 'object',
              required: ['driver'],
              properties: {
                driver: {
                  ...only(
                    'associatedComponent contents dottedQuadFileVersion downloadUri fullDescription fullName globalMessageStrings guid informationUri isComprehensive language localizedDataSemanticVersion locations minimumRequiredLocalizedDataSemanticVersion name notifications organization product productSuite releaseDateUtc rules semanticVersion shortDescription supportedTaxonomies taxa translationMetadata version properties',
                    {
                      name: { type: 'string', minLength: 1 },
                      informationUri: { type: 'string', format: 'uri' },
                      rules: { type: 'array', items: { $ref: '#/definitions/reportingDescriptor' } },
                    },
                  ),
                  required: ['name'],
                },
              },
            },
            columnKind: { enum: ['utf16CodeUnits', 'unicodeCodePoints'] },
            originalUriBaseIds: {
              type: 'object',
              additionalProperties: { type: 'object', required: ['uri'], properties: { uri: { type: 'string', format: 'uri', pattern: '/$' } } },
            },
            invocations: {
              type: 'array',
              items: {
                type: 'object',
                required: ['executionSuccessful'],
                properties: {
                  executionSuccessful: { type: 'boolean' },
                  toolExecutionNotifications: { type: 'array', items: { $ref: '#/definitions/notification' } },
                },
              },
            },
            results: { type: 'array', items: { $ref: '#/definitions/result' } },
          },
        ),
        required: ['tool'],
      },
    },
  },
};

const ajv = new Ajv({ allErrors: true, strict: false });
addFormats.default(ajv);
export const validateSarif = ajv.compile(minimalSarifSchema);

/**
 * The official SARIF 2.1.0 JSON Schema (OASIS), as Microsoft's SARIF Multitool
 * ships it in its platform package (a dev dependency; no network needed).
 */
function officialSchemaPath(): string {
  const require = createRequire(import.meta.url);
  const base = path.dirname(require.resolve('@microsoft/sarif-multitool/package.json'));
  for (const platform of ['linux', 'darwin', 'win32']) {
    const candidate = path.join(base, '..', `sarif-multitool-${platform}`, 'sarif-2.1.0.json');
    if (fs.existsSync(candidate)) return candidate;
  }
  throw new Error('no SARIF 2.1.0 schema: @microsoft/sarif-multitool has no platform package installed');
}

export const officialSchema = JSON.parse(fs.readFileSync(officialSchemaPath(), 'utf8')) as Record<string, unknown>;
export const validateOfficial = (() => {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats.default(ajv);
  return ajv.compile(officialSchema);
})();

/** Both schemas accept the log (the failures name the first few errors). */
export function expectValid(log: Log): void {
  validateSarif(log);
  expect(validateSarif.errors ?? [], JSON.stringify(validateSarif.errors?.slice(0, 5), null, 2)).toEqual([]);
  validateOfficial(log);
  expect(validateOfficial.errors ?? [], `official SARIF 2.1.0 schema: ${JSON.stringify(validateOfficial.errors?.slice(0, 5), null, 2)}`).toEqual([]);
}
