import { InvalidArgumentError } from 'commander';
import { describe, expect, it } from 'vitest';
import { MAX_DURATION_MS, parseDuration } from '../src/options/duration.js';

describe('parseDuration', () => {
  it.each([
    ['90s', 90_000],
    ['15m', 900_000],
    ['1h', 3_600_000],
    ['500ms', 500],
    ['1500', 1_500],
    ['1.5s', 1_500],
    [' 2m ', 120_000],
    [String(MAX_DURATION_MS), MAX_DURATION_MS],
  ])('%s is %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each([
    ['', 'expected a duration'],
    ['soon', 'expected a duration'],
    ['10 s', 'expected a duration'],
    ['-5s', 'expected a duration'],
    ['1d', 'expected a duration'],
    ['1.5', 'expected a duration'],
    ['0', 'at least 1 ms'],
    ['0.0001s', 'at least 1 ms'],
    ['597h', 'at most 24 days'],
    [String(MAX_DURATION_MS + 1), 'at most 24 days'],
  ])('%j is refused', (text, message) => {
    expect(() => parseDuration(text)).toThrow(InvalidArgumentError);
    expect(() => parseDuration(text)).toThrow(message);
  });
});
