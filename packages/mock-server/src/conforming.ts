// The one check behind every answer the mock makes from a spec's schema: it must never answer what the spec
// forbids, so a bug here shows up as a 500, not as a silent drift.
import { formatSchemaIssue, type SchemaIssue } from '@cbr-sdk/checkpoint-api';
import { json } from './body.js';
import { ERROR_CODES, HttpError } from './errors.js';
import type { Answer } from './faults.js';

/** A 200 with `response`, given the issues its schema check found (any issue is a 500). */
export function conformingAnswer(issues: readonly SchemaIssue[], response: unknown): Answer {
  if (issues.length > 0) {
    throw new HttpError(
      500,
      ERROR_CODES.internal,
      `Mock answer breaks the spec: ${issues.map((i) => formatSchemaIssue(i)).join('; ')}`,
    );
  }
  return json(200, response);
}
