// Where this SDK's view of a change differs from oasdiff's defaults. oasdiff judges a change against the HTTP
// contract; a generated TypeScript client also turns schema names, operationIds, tags and optional response
// fields into exported names and types, so removing one of those breaks code that compiles today.
// Levels: err (breaking), warn (breaking too: check:compat treats anything oasdiff doubts as breaking),
// info (not breaking), none (not reported).
export const SEVERITY_OVERRIDES = [
  ['request-property-removed', 'err', 'the generated request type loses the field: code that sets it stops compiling'],
  [
    'request-property-removed-with-deprecation',
    'err',
    'deprecated first or not, the field leaves the generated type (a major change for semver)',
  ],
  [
    'request-parameter-removed-with-deprecation',
    'err',
    'deprecated first or not, the parameter leaves the generated method',
  ],
  [
    'response-optional-property-removed',
    'err',
    'the generated response type loses the field: code reading it stops compiling',
  ],
  [
    'response-required-property-removed-with-deprecation',
    'err',
    'deprecated first or not, the field leaves the generated response type',
  ],
  [
    'response-property-enum-value-removed',
    'err',
    'the value leaves the generated enum object: code naming it stops compiling',
  ],
  [
    'response-property-enum-value-added',
    'info',
    "the spec's response enums are open (`XValue = X | (string & {})`): clients already handle values they do not know",
  ],
  ['api-schema-removed', 'err', 'each schema of components/schemas is an exported model type'],
  ['api-operation-id-removed', 'err', 'the operationId names the generated method'],
  ['api-tag-removed', 'err', "an operation's first tag names the generated API class that holds its method"],
  ['api-removed-with-deprecation', 'err', 'deprecated first or not, the generated method disappears'],
  ['api-path-removed-with-deprecation', 'err', 'deprecated first or not, the generated methods disappear'],
  ['api-version-not-bumped', 'none', 'the packages are versioned by changesets, not by info.version'],
];

/** The file oasdiff's --severity-levels reads: one "<check id> <level>" per line. */
export const severityLevelsFile = () => `${SEVERITY_OVERRIDES.map(([id, level]) => `${id} ${level}`).join('\n')}\n`;
