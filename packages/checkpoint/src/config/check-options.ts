// Checks of single options, each refusing a bad value with a CbrConfigError that names the option.
import { checkWith } from '@cbr-sdk/checkpoint-api';
import { iamValidateParameterProjectName } from '@cbr-sdk/checkpoint-api/iam';
import { CbrConfigError, CbrValidationError } from '../errors/cbr-error.js';
import { assertValidPathParameter } from '../validation/validate-input.js';
import { checkHeaderValue } from './header-value.js';

export function positiveInteger(name: string, value: number | undefined, fallback: number, allowZero = false): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < (allowZero ? 0 : 1)) {
    throw new CbrConfigError(
      `${name} must be ${allowZero ? 'a non-negative' : 'a positive'} integer (got ${String(value)})`,
    );
  }
  return value;
}

/** The longest delay a timer can take (2^31 − 1 ms, about 24.8 days): setTimeout fires at once past it. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * A duration in milliseconds given as option `name`: an integer from 1 to 2^31 − 1 (what a timer can wait;
 * 0, a negative, NaN or a larger value would make it fire at once), else a CbrConfigError naming the option.
 * `fallback` when undefined.
 */
export function milliseconds(name: string, value: unknown, fallback: number): number;
export function milliseconds(name: string, value: unknown, fallback?: number): number | undefined;
export function milliseconds(name: string, value: unknown, fallback?: number): number | undefined {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_TIMER_MS) {
    throw new CbrConfigError(
      `${name} must be a whole number of milliseconds from 1 to ${MAX_TIMER_MS} (got ${typeof value === 'number' ? String(value) : (JSON.stringify(value) ?? typeof value)})`,
    );
  }
  return value;
}

/** A project ID that the CBR spec accepts as a path parameter, and that can be sent as a header (X-Project-Id). */
export function checkProjectId(projectId: unknown): string {
  try {
    assertValidPathParameter('CbrClient options', 'ProjectId', 'projectId', projectId);
  } catch (error) {
    if (error instanceof CbrValidationError) throw new CbrConfigError(error.message);
    throw error;
  }
  return checkHeaderValue('projectId', projectId);
}

/**
 * The region, when given: a name IAM can scope a token to (the IAM spec's project name rule) that can also be
 * a label of a host name, since it makes IAM's endpoint. Whether CBR has an endpoint there is checked only when
 * the endpoint comes from the region (see endpoint.ts).
 */
export function checkRegion(region: unknown): string | undefined {
  if (region === undefined || region === '') return undefined;
  if (
    typeof region !== 'string' ||
    checkWith(iamValidateParameterProjectName, region).length > 0 ||
    !/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i.test(region)
  ) {
    throw new CbrConfigError(`region must be a region ID such as "cn-north-4" (got ${JSON.stringify(region)})`);
  }
  return region;
}
