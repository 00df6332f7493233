// The order `npm test` starts its test files in: longest first, across every project. Vitest's own order runs
// the projects one after another by name, so the tooling tests (`scripts`, the longest: they drive Java,
// oasdiff and API Extractor) started last and the whole run waited for them on one core while the other idled.
import { statSync } from 'node:fs';
import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** Tooling tests first when a file has not been timed yet (a fresh clone): they are the longest. */
const TOOLING_PROJECT = 'scripts';

export default class LongestFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const { cache, config } = this.ctx;
    const known = (file: TestSpecification) => {
      const key = `${file.project.name}:${relative(config.root, file.moduleId)}`;
      return { duration: cache.getFileTestResults(key)?.duration, size: statSync(file.moduleId).size };
    };
    const facts = new Map(files.map((file) => [file, known(file)]));
    const allTimed = files.every((file) => facts.get(file)?.duration !== undefined);
    return [...files].sort((a, b) => {
      const factsA = facts.get(a) ?? { size: 0 };
      const factsB = facts.get(b) ?? { size: 0 };
      // A previous run on this machine timed every file: its durations are the best guide.
      if (allTimed) return (factsB.duration ?? 0) - (factsA.duration ?? 0);
      const toolingA = a.project.name === TOOLING_PROJECT;
      const toolingB = b.project.name === TOOLING_PROJECT;
      if (toolingA !== toolingB) return toolingA ? -1 : 1;
      return factsB.size - factsA.size;
    });
  }
}
