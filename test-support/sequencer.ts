// The order `npm test` starts its test files in: one project after another, the project with the most work first,
// and each project's files longest first.
// - Projects stay together because vitest reuses a worker (and, with `isolate: false`, the modules it has loaded)
//   only while the next file in the queue belongs to the same project: files of different projects taken in turn
//   made each worker start over, a fresh process and the SDK loaded again, for almost every file.
// - Longest first, so the last files to start are short ones and both workers finish together. (Vitest's own
//   order is by project name, which ran the tooling tests, the longest, last, on one core while the other idled.)
import { existsSync, readFileSync, statSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** Tooling tests first when a file has not been timed at all: they are the longest. */
const TOOLING_PROJECT = 'scripts';

/**
 * The files' times in ms (by path from the repository root) of the last `node bench/test-suite.mjs`, committed:
 * the order of a fresh clone, on which vitest has timed nothing yet.
 */
const RECORDED_TIMES = fileURLToPath(new URL('../bench/results/test-times.json', import.meta.url));
const recordedTimes = (): Record<string, number> =>
  existsSync(RECORDED_TIMES) ? JSON.parse(readFileSync(RECORDED_TIMES, 'utf8')) : {};

export default class LongestFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const { cache, config } = this.ctx;
    const recorded = recordedTimes();
    const durationOf = (file: TestSpecification) => {
      const path = relative(config.root, file.moduleId);
      return cache.getFileTestResults(`${file.project.name}:${path}`)?.duration ?? recorded[path];
    };
    // Every file timed, by a previous run on this machine or else by the recorded run: the durations are the best
    // guide. Otherwise (a new file, no record) a file's size stands in for its time, and the tooling project goes
    // first.
    const allTimed = files.every((file) => durationOf(file) !== undefined);
    const weightOf = new Map(
      files.map((file) => [file, allTimed ? (durationOf(file) ?? 0) : statSync(file.moduleId).size]),
    );
    const projectWeight = new Map<string, number>();
    for (const file of files) {
      const name = file.project.name;
      projectWeight.set(name, (projectWeight.get(name) ?? 0) + (weightOf.get(file) ?? 0));
    }
    const toolingFirst = (file: TestSpecification) => (!allTimed && file.project.name === TOOLING_PROJECT ? 0 : 1);
    const weight = (file: TestSpecification) => weightOf.get(file) ?? 0;
    const projectOf = (file: TestSpecification) => projectWeight.get(file.project.name) ?? 0;
    return [...files].sort(
      (a, b) =>
        toolingFirst(a) - toolingFirst(b) ||
        projectOf(b) - projectOf(a) ||
        a.project.name.localeCompare(b.project.name) ||
        weight(b) - weight(a),
    );
  }
}
