// The open enums (a status a newer service may add) keep their known values visible to the type checker and to
// editors: `CheckpointStatus | string` would collapse to plain `string`; `CheckpointStatus | (string & {})` does
// not. Checked by the type checker (vitest's typecheck mode), not run, on the built declarations (what users get):
// tsconfig.type-tests.json is this file and them alone, a small program for tsc.

import type {
  CheckpointStatus,
  CheckpointStatusValue,
  ProtectStatus,
  ProtectStatusValue,
} from '@cbr-sdk/checkpoint-api';
import { describe, expectTypeOf, it } from 'vitest';

describe('open enums', () => {
  it('CheckpointStatusValue keeps the known statuses as members, and accepts any other string', () => {
    expectTypeOf<CheckpointStatusValue>().not.toEqualTypeOf<string>();
    expectTypeOf<Extract<CheckpointStatusValue, CheckpointStatus>>().toEqualTypeOf<CheckpointStatus>();
    expectTypeOf<Extract<CheckpointStatusValue, 'available'>>().toEqualTypeOf<'available'>();
    expectTypeOf<'available'>().toExtend<CheckpointStatusValue>();
    expectTypeOf<'a-status-added-later'>().toExtend<CheckpointStatusValue>();
    expectTypeOf<CheckpointStatusValue>().toExtend<string>();
    expectTypeOf<number>().not.toExtend<CheckpointStatusValue>();
  });

  it('ProtectStatusValue does the same for ProtectStatus', () => {
    expectTypeOf<ProtectStatusValue>().not.toEqualTypeOf<string>();
    expectTypeOf<Extract<ProtectStatusValue, ProtectStatus>>().toEqualTypeOf<ProtectStatus>();
    expectTypeOf<'a-status-added-later'>().toExtend<ProtectStatusValue>();
  });
});
