/**
 * `--record FILE` on the commands that run a machine (login, demo, refresh, logout): where the
 * trace of the run goes. The path is checked before anything is sent, like `--token-file`: one
 * that cannot name a file (empty, a folder, a device, in a folder that does not exist) is a
 * mistake in the command (usage error, exit 2), found before the person approves anything.
 */
import type { Stats } from 'node:fs';
import { stat } from 'node:fs/promises';
import { dirname, sep } from 'node:path';
import { UsageError } from './usage-error.js';

/** The flag for commands whose options are a `parseArgs` table (login, demo). */
export const RECORD_OPTIONS = { record: { type: 'string' } } as const;

/** The flag's help line, the same for every command that has it. */
export const RECORD_HELP =
  '  --record FILE         Write a trace of this run to FILE (JSON, mode 0600): every event,\n' +
  '                        state and HTTP exchange with its time, secrets redacted. Open it\n' +
  '                        with device-auth replay FILE\n';

/**
 * Takes `--record FILE` / `--record=FILE` out of `args`, for commands whose flags are parsed
 * elsewhere (refresh and logout share the token commands' table). A value that is missing or
 * looks like another flag is a usage error; `--` ends the flags.
 *
 * @param command - The command, for the message.
 * @param args - The command's arguments.
 */
export function takeRecordFlag(command: string, args: readonly string[]): { record: string | undefined; rest: string[] } {
  const rest: string[] = [];
  let record: string | undefined;
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index]!;
    if (arg === '--') {
      rest.push(...args.slice(index));
      break;
    }
    let value: string | undefined;
    if (arg === '--record') {
      value = args[index + 1];
      if (value === undefined || value.startsWith('-')) throw new UsageError(`${command}: --record needs a file name, e.g. --record trace.json`);
      index += 1;
    } else if (arg.startsWith('--record=')) {
      value = arg.slice('--record='.length);
    } else {
      rest.push(arg);
      continue;
    }
    if (record !== undefined) throw new UsageError(`${command}: --record is given twice`);
    record = value;
  }
  return { record, rest };
}

function kindOf(info: Stats): string {
  if (info.isDirectory()) return 'a directory';
  if (info.isFIFO()) return 'a FIFO (named pipe)';
  if (info.isSocket()) return 'a socket';
  return 'a device, not a regular file';
}

/**
 * Checks an output path given on the command line (`--record`, `replay --html`) before the
 * command runs: not empty, not ending in a separator, in a folder that exists, and either absent
 * or a regular file (it will be replaced).
 *
 * @param path - The flag's value, or `undefined` when the flag was not given.
 * @param flag - The flag, for the messages.
 * @returns The path, or `undefined`.
 * @throws {@link UsageError} naming what is wrong with the path.
 */
export async function checkRecordPath(path: string | undefined, flag = '--record'): Promise<string | undefined> {
  if (path === undefined) return undefined;
  if (path === '' || path.includes('\0')) throw new UsageError(`${flag} needs a file name, e.g. ${flag} trace.${flag === '--record' ? 'json' : 'html'}`);
  if (path.endsWith('/') || path.endsWith(sep)) throw new UsageError(`${flag} must name a file, not a folder: "${path}" ends with "${path.at(-1)}".`);
  const folder = dirname(path);
  const parent = await stat(folder).catch(() => undefined);
  if (!parent?.isDirectory()) throw new UsageError(`${flag}: the folder ${folder} does not exist; create it or choose another file.`);
  const existing = await stat(path).catch(() => undefined);
  if (existing !== undefined && !existing.isFile()) throw new UsageError(`${flag}: ${path} is ${kindOf(existing)}; give a file to write to.`);
  return path;
}
