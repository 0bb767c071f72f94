/**
 * Writes docs/performance.md from a run: machine, command, date, the tables, the targets of
 * issue 12 and whether each holds. The section "What was changed to reach them" is written by
 * people: whatever stands between its markers in the existing file is kept.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { markdownTable, type Table } from '../lib/format.js';
import type { MachineInfo } from './machine-info.js';
import type { TargetCheck } from './targets.js';

const CHANGES_START = '<!-- changes:start (kept by npm run bench; edit freely) -->';
const CHANGES_END = '<!-- changes:end -->';
const CHANGES_PLACEHOLDER = '_To be filled in: each change, the profile that pointed at it, and the figures before and after._';

async function keptChanges(path: string): Promise<string> {
  const existing = await readFile(path, 'utf8').catch(() => '');
  const start = existing.indexOf(CHANGES_START);
  const end = existing.indexOf(CHANGES_END);
  if (start === -1 || end === -1 || end < start) return CHANGES_PLACEHOLDER;
  return existing.slice(start + CHANGES_START.length, end).trim() || CHANGES_PLACEHOLDER;
}

/** What the page is built from. */
export interface PerformancePage {
  readonly machine: MachineInfo;
  readonly command: string;
  readonly date: string;
  readonly durationSeconds: number;
  readonly tables: readonly Table[];
  readonly targets: readonly TargetCheck[];
}

/** Writes the page to `path`, keeping its "What was changed" section. */
export async function writePerformanceMd(path: string, page: PerformancePage): Promise<void> {
  const changes = await keptChanges(path);
  const verdict = (holds: boolean | null) => (holds === null ? 'not measured' : holds ? 'holds' : '**missed**');
  const text = [
    '# Performance',
    '',
    'How much CPU, memory and start-up time a sign-in with this library costs, measured side by side with',
    'a bare `fetch` + `setTimeout` loop, the same loop as a minimal XState machine (the XState floor: what',
    'the engine costs by itself) and the peers `@octokit/auth-oauth-device` and `openid-client`',
    '(issue 12). Written by `npm run bench` (sources under `bench/`, raw figures in',
    '`bench/results/latest.json`); the figures below are from the run described here.',
    '',
    `- Machine: ${page.machine.cpuModel}, ${page.machine.cores} cores, ${page.machine.memoryGiB} GiB; Node ${page.machine.node}; ${page.machine.platform}; load average at start ${page.machine.loadAverage}`,
    `- Command: \`${page.command}\` (took ${Math.round(page.durationSeconds)} s)`,
    `- Date: ${page.date}`,
    '- The machine is shared and noisy: absolute figures move from run to run; the ratios are paired within',
    '  each repeat (the clients of one repeat run one after another, in an order that rotates per repeat).',
    '- Each client runs in its own process (`node --expose-gc --import tsx bench/clients/<client>.ts`), the mock',
    '  in another (its CPU never counts against a client). Every benchmark runs this library from the built',
    '  `dist/`, as users get it (tsx, which runs the client scripts, would add a `name` property to every',
    '  named closure of `src/`).',
    '',
    '## Targets (issue 12)',
    '',
    '| target | this run | verdict |',
    '|---|---|---|',
    ...page.targets.map((check) => `| ${check.target} | ${check.measured} | ${verdict(check.holds)} |`),
    '',
    '## Results',
    '',
    ...page.tables.flatMap((table) => [markdownTable(table), '']),
    '## How to run',
    '',
    '```sh',
    'npm run bench            # builds dist/, then all four benchmarks (5 repeats of 500 sign-ins); under 10 minutes',
    'npm run bench -- --quick # 2 repeats of 100 sign-ins, smaller memory runs',
    'npm run bench -- --skip-build --repeats 3 --sign-ins 200',
    '```',
    '',
    '## What was changed to reach them',
    '',
    CHANGES_START,
    changes,
    CHANGES_END,
    '',
  ].join('\n');
  await writeFile(path, text);
}
