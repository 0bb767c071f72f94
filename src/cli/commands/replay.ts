/**
 * `device-auth replay FILE`: the viewer on a recorded trace (from `--record FILE` or an app's
 * `recorder.trace()`), with no network and no machine running: the same diagram, context, log,
 * timeline and time travel as the live viewer. Served on 127.0.0.1 until Ctrl-C, or with
 * `--html OUT` written as one self-contained HTML file that opens from disk in any browser.
 *
 * A file that is not a trace (truncated, another format, a field of the wrong type) fails with
 * exit 1 and a message naming what is wrong; a trace from another package version is replayed
 * with a warning naming both versions. Nothing in a trace is executed: it is checked field by
 * field and the page shows its text as text.
 */
import { readFile, stat } from 'node:fs/promises';
import { DeviceAuthError } from '../../index.js';
import { parseTrace, traceVersionWarning, type DeviceAuthTrace } from '../../record.js';
import { replayHtml, serveReplay, type ReplayServer } from '../../viewer.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { number, parseFlags, text } from '../parse.js';
import { writePrivateFile } from '../record-file.js';
import { checkRecordPath } from '../record-option.js';
import { UsageError } from '../usage-error.js';
import { safeText } from '../views/safe-text.js';

/** Flags of `device-auth replay`. */
export const REPLAY_OPTIONS = {
  html: { type: 'string' },
  port: { type: 'string' },
} as const;

/** Largest trace file read: far above what a recorder writes (its steps are capped). */
export const MAX_TRACE_FILE_BYTES = 64 * 1024 * 1024;

/** Splits the one positional argument (the trace file) from the flags. */
function splitFile(args: readonly string[]): { file: string | undefined; flags: string[] } {
  const flags: string[] = [];
  const files: string[] = [];
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index]!;
    if (arg === '--') {
      files.push(...args.slice(index + 1));
      break;
    }
    if (arg.startsWith('-') && arg !== '-') {
      flags.push(arg);
      if ((arg === '--html' || arg === '--port') && index + 1 < args.length) flags.push(args[(index += 1)]!);
    } else files.push(arg);
  }
  if (files.length > 1) throw new UsageError(`replay: one trace file at a time (got ${files.length}: ${files.map((name) => `"${name}"`).join(', ')}).`);
  return { file: files[0], flags };
}

/** Reads and checks the trace file; what is wrong is named, with the file. */
async function readTrace(file: string): Promise<DeviceAuthTrace> {
  const info = await stat(file).catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`replay: cannot read ${file}: ${error.code === 'ENOENT' ? 'no such file' : (error.code ?? error.message)}.`);
  });
  if (!info.isFile()) throw new UsageError(`replay: ${file} is not a file; give the trace file --record wrote.`);
  if (info.size > MAX_TRACE_FILE_BYTES) {
    throw new DeviceAuthError('INVALID_RESPONSE', `Cannot replay ${file}: it is ${info.size} bytes, more than a trace can be (${MAX_TRACE_FILE_BYTES}).`);
  }
  const contents = await readFile(file, 'utf8');
  try {
    return parseTrace(contents);
  } catch (error) {
    if (error instanceof DeviceAuthError) throw new DeviceAuthError(error.code, `Cannot replay ${file}: ${error.message}`, { cause: error });
    throw error;
  }
}

/** Serves the replay until Ctrl-C (or SIGTERM, SIGHUP). */
async function serveUntilInterrupted(trace: DeviceAuthTrace, file: string, port: number, io: CliIo): Promise<ExitCode> {
  let replay: ReplayServer;
  try {
    replay = await serveReplay({ trace, port });
  } catch (error) {
    throw new DeviceAuthError('NETWORK', `Cannot serve the replay on port ${port}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  io.stdout.write(`Replay of ${safeText(file)}: ${replay.url} (no network, no machine running). Press Ctrl-C to stop.\n`);
  await new Promise<void>((resolve) => {
    const remove = io.onInterrupt(() => {
      remove();
      resolve();
    });
  });
  await replay.close();
  return EXIT.ok;
}

/** Runs `replay` and returns the exit code. */
export async function runReplay(args: string[], io: CliIo): Promise<ExitCode | 'help'> {
  const { file, flags: flagArgs } = splitFile(args);
  const flags = parseFlags('replay', flagArgs, REPLAY_OPTIONS);
  if (flags.help) return 'help';
  if (file === undefined) throw new UsageError('replay: give the trace file to replay, e.g. device-auth replay trace.json');
  const port = number('port', flags.port, { min: 0, max: 65_535, integer: true }) ?? 0;
  const html = await checkRecordPath(text(flags.html), '--html');
  if (html !== undefined && flags.port !== undefined) throw new UsageError('replay: --port serves the replay and --html writes it to a file; give one of them.');
  const trace = await readTrace(file);
  const warning = traceVersionWarning(trace);
  if (warning !== undefined) io.stderr.write(`device-auth: warning: ${warning}\n`);
  if (html === undefined) return serveUntilInterrupted(trace, file, port, io);
  try {
    await writePrivateFile(html, await replayHtml(trace));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    io.stderr.write(`device-auth: could not write ${safeText(html)}: ${safeText(code ?? (error instanceof Error ? error.message : String(error)))}.\n`);
    return EXIT.failed;
  }
  io.stdout.write(`Replay of ${safeText(file)} written to ${safeText(html)}: one self-contained page; open it in any browser, no network needed.\n`);
  return EXIT.ok;
}
