/**
 * `npm run examples`: builds every example into `examples/dist/`, starts the embedded mock server
 * beside them and serves them on 127.0.0.1, then prints one URL per example (and the no-server
 * demo's `file://` path). Ctrl-C stops both servers.
 */
import { join } from 'node:path';
import { startMockServer } from '../../src/mock/index.js';
import { buildExamples, EXAMPLES_DIR } from './build.js';
import { exampleUrl, fileUrl, serveStatic } from './static-server.js';

/** Where `npm run examples` builds (gitignored). */
const OUT_DIR = join(EXAMPLES_DIR, 'dist');
/** The example that needs no server: it is also printed as a `file://` path. */
const NO_SERVER_DEMO = 'demo';

const built = await buildExamples({ outDir: OUT_DIR });
// Short enough to watch the flow move, long enough to scan the QR code and type the code.
const mock = await startMockServer({ interval: 2, expiresIn: 300 });
const site = await serveStatic(OUT_DIR);

console.log(`Embedded mock server: ${mock.url} (people approve codes at ${mock.verificationUrl})`);
console.log(`Examples (built into ${OUT_DIR}):`);
for (const example of built) {
  const query: Record<string, string> = example.name === NO_SERVER_DEMO ? {} : { server: mock.url };
  console.log(`  ${example.name.padEnd(8)} ${exampleUrl(site.url, example.name, query)}`);
}
const demo = built.find((example) => example.name === NO_SERVER_DEMO);
if (demo !== undefined) console.log(`  ${'demo'.padEnd(8)} ${fileUrl(demo.page)}  (opened from disk, no server at all)`);
console.log('Press Ctrl-C to stop.');

let stopping = false;
const stop = (): void => {
  if (stopping) return;
  stopping = true;
  void Promise.all([site.close(), mock.close()]).then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
