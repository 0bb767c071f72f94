/**
 * The built examples for a browser test: `buildExamples` into a temporary folder before the
 * file's tests, served by the loopback static server, removed after them. Build only the
 * examples a test file needs, so another example's half-finished source cannot break it.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { buildExamples, type BuiltExample } from '../../../scripts/examples/build.js';
import { exampleUrl, fileUrl, serveStatic, type StaticServer } from '../../../scripts/examples/static-server.js';

/** The examples of {@link useExampleSite}, once built and served. */
export interface ExampleSite {
  /** The served page of example `name`, e.g. `http://127.0.0.1:P/vanilla/?server=…`. */
  url(name: string, query?: Readonly<Record<string, string>>): string;
  /** The `file://` URL of the built page of example `name`. */
  fileUrl(name: string, query?: Readonly<Record<string, string>>): string;
  /** What was built. */
  readonly examples: readonly BuiltExample[];
}

/**
 * Builds `names` (e.g. `['vanilla']`) before the surrounding `describe`'s tests and serves them;
 * returns an accessor that throws when the build failed (so each test fails, naming why).
 */
export function useExampleSite(names: readonly string[]): () => ExampleSite {
  let outDir: string | undefined;
  let server: StaticServer | undefined;
  let site: ExampleSite | undefined;
  let failure: unknown;
  beforeAll(async () => {
    try {
      outDir = await mkdtemp(join(tmpdir(), 'device-auth-examples-'));
      const examples = await buildExamples({ outDir, names });
      const served = await serveStatic(outDir);
      server = served;
      site = {
        examples,
        url: (name, query) => exampleUrl(served.url, name, query),
        fileUrl(name, query) {
          const example = examples.find((candidate) => candidate.name === name);
          if (example === undefined) throw new Error(`example "${name}" was not built (built: ${examples.map((built) => built.name).join(', ')})`);
          return fileUrl(example.page, query);
        },
      };
    } catch (error) {
      failure = error;
    }
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    if (outDir !== undefined) await rm(outDir, { recursive: true, force: true });
  });
  return () => {
    if (site === undefined) throw failure ?? new Error('the examples are not built yet (call the accessor inside a test)');
    return site;
  };
}
