/**
 * `npm run bench`: this library's cost side by side with a bare loop, the same loop as a minimal
 * XState machine (what the engine costs by itself) and the peers (issue 12). This library runs
 * from the built `dist/`, as users get it.
 *
 * 1. Side by side: CPU, RSS, requests, early polls and approval→token latency per sign-in,
 *    each client in its own process, interleaved and repeated (bench/side-by-side.ts).
 * 2. Waiting memory: heap per sign-in waiting for the person, and one run of 100 000 (bench/waiting-memory.ts).
 * 3. Engine cost without the network: CPU per poll cycle (bench/engine-cost.ts).
 * 4. Startup: importing each entry from dist/ and `device-auth --help` (bench/startup.ts).
 *
 * Prints a table per benchmark, writes bench/results/latest.json and docs/performance.md.
 * Figures, not pass/fail: nothing here fails on a missed target.
 *
 * Options: `--quick` (2 repeats of 100 sign-ins, smaller memory runs), `--repeats N`,
 * `--sign-ins N`, `--skip-build` (use the dist/ that is there).
 */
import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runEngineCost } from './engine-cost.js';
import { plainTable, type Table } from './lib/format.js';
import { REPO_ROOT } from './lib/node-child.js';
import { parseBenchOptions } from './lib/options.js';
import { startMockHost } from './mock/mock-host.js';
import { machineInfo } from './report/machine-info.js';
import { writePerformanceMd } from './report/performance-md.js';
import { engineTable, sideBySideTables, startupTable, waitingTable } from './report/tables.js';
import { checkTargets } from './report/targets.js';
import { runSideBySide } from './side-by-side.js';
import { runStartup } from './startup.js';
import { runWaitingMemory } from './waiting-memory.js';

const options = parseBenchOptions(process.argv.slice(2));
const log = (line: string) => process.stderr.write(`${line}\n`);
const started = performance.now();
const machine = machineInfo();
const date = new Date().toISOString();
log(`device-auth-machine bench: ${machine.cpuModel}, ${machine.cores} cores, Node ${machine.node}, load ${machine.loadAverage}`);

if (!options.skipBuild) {
  log('npm run build (every benchmark runs this library from dist/)…');
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
}

const print = (table: Table) => console.log(`\n${plainTable(table)}`);

log('1. side by side…');
const host = startMockHost();
let side;
try {
  side = await runSideBySide(host, options, log);
} finally {
  host.close();
}
sideBySideTables(side).forEach(print);

log('2. waiting memory…');
const waiting = await runWaitingMemory(options, side.modes, log);
print(waitingTable(waiting));

log('3. engine cost…');
const engine = await runEngineCost(options);
print(engineTable(engine));

log('4. startup…');
const startup = await runStartup(options, log);
print(startupTable(startup));

const targets = checkTargets(side, waiting, startup);
console.log('\nTargets (issue 12)');
for (const check of targets) console.log(`  ${check.holds === null ? '?' : check.holds ? '✓' : '✗'} ${check.target}: ${check.measured}`);

const durationSeconds = (performance.now() - started) / 1000;
const command = `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;
const tables = [...sideBySideTables(side), waitingTable(waiting), engineTable(engine), startupTable(startup)];
await mkdir(join(REPO_ROOT, 'bench/results'), { recursive: true });
await writeFile(
  join(REPO_ROOT, 'bench/results/latest.json'),
  `${JSON.stringify({ date, command, durationSeconds, machine, options, sideBySide: side, waitingMemory: waiting, engine, startup, targets }, null, 1)}\n`,
);
await writePerformanceMd(join(REPO_ROOT, 'docs/performance.md'), { machine, command, date, durationSeconds, tables, targets });
log(`\ndone in ${durationSeconds.toFixed(0)} s: bench/results/latest.json, docs/performance.md`);
