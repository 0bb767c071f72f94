/**
 * `--record FILE` at work: a trace recorder sharing the output's redactor (what either learns, the
 * device code and the tokens, is scrubbed from both), hooked to the actor through `inspect` or
 * `attach` and to the services through its `fetch`, and the trace written when the command ends,
 * whatever the ending (signed in, denied, expired, failed, interrupted). The file is written
 * atomically (a temporary file renamed over it) with mode 0600.
 */
import { randomBytes } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import type { AnyActorRef, InspectionEvent, Observer } from 'xstate';
import { createTraceRecorder, type RecordableFetch, type TraceRecorder } from '../record.js';
import { EXIT, type ExitCode } from './exit-codes.js';
import { ensureScrubbing, type CliIo, type ScrubbedIo } from './io.js';
import { checkRecordPath, takeRecordFlag } from './record-option.js';
import { safeText } from './views/safe-text.js';

/** A command's recording. */
export interface CliRecording {
  /** The observer for `createActor(machine, { inspect })`. */
  readonly inspect: Observer<InspectionEvent>;
  /** `fetch` (default: the global one) recording each exchange; give it to the services. */
  wrapFetch<F extends RecordableFetch>(fetch?: F): F;
  /** Records an actor already running (a session's). */
  attach(actor: AnyActorRef): void;
  /**
   * Writes the trace and says where (on stderr, so `--json` output stays JSON). Returns the exit
   * code to use: `code`, or 1 when the command succeeded but the trace could not be written.
   */
  finish(code: ExitCode): Promise<ExitCode>;
}

/** Both observers, each shielded from the other: one that throws does not starve the other. */
export function bothInspect(
  first: Observer<InspectionEvent> | undefined,
  second: Observer<InspectionEvent> | undefined,
): Observer<InspectionEvent> | undefined {
  if (first === undefined || second === undefined) return first ?? second;
  return {
    next(event) {
      for (const observer of [first, second]) {
        try {
          observer.next?.(event);
        } catch {
          // An observer must never break the flow.
        }
      }
    },
  };
}

/** Writes `text` to `path` atomically with mode 0600: a temporary file beside it, renamed over it. */
export async function writePrivateFile(path: string, text: string): Promise<void> {
  const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(temporary, text, { mode: 0o600, flag: 'wx' });
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => undefined);
    throw error;
  }
}

function reasonOf(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOSPC') return 'the disk is full';
  if (code === 'EROFS') return 'the file system is read-only';
  return code ?? (error instanceof Error ? error.message : String(error));
}

/**
 * Starts recording for `--record FILE`, or returns `undefined` without the flag.
 *
 * @param path - The checked `--record` path (see `checkRecordPath`), or `undefined`.
 * @param io - The command's output; its redactor is shared with the recorder.
 */
export function startRecording(path: string | undefined, io: ScrubbedIo): CliRecording | undefined {
  if (path === undefined) return undefined;
  const recorder: TraceRecorder = createTraceRecorder({ redactor: io.redactor });
  return {
    inspect: recorder.inspect,
    wrapFetch: (fetch) => recorder.wrapFetch(fetch),
    attach: (actor) => {
      recorder.attach(actor);
    },
    async finish(code) {
      const trace = recorder.trace();
      try {
        await writePrivateFile(path, `${JSON.stringify(trace, null, 2)}\n`);
      } catch (error) {
        io.stderr.write(`device-auth: could not write the trace to ${safeText(path)}: ${safeText(reasonOf(error))}.\n`);
        return code === EXIT.ok ? EXIT.failed : code;
      }
      io.stderr.write(`Trace written to ${safeText(path)} (${trace.steps.length} steps, secrets redacted). Open it with: device-auth replay ${safeText(path)}\n`);
      return code;
    },
  };
}

/**
 * Runs a command whose flags are parsed elsewhere (refresh, logout) with `--record FILE` taken
 * out of its arguments: the path is checked first, `run` gets the recording to hook up, and the
 * trace is written with the exit code `run` returns.
 *
 * @param command - The command, for messages.
 * @param args - Its arguments, `--record` included.
 * @param rawIo - Its output; the recording shares the output's redactor.
 * @param run - The command, given its other arguments, the scrubbed output and the recording.
 */
export async function withRecording(
  command: string,
  args: readonly string[],
  rawIo: CliIo,
  run: (args: string[], io: ScrubbedIo, recording: CliRecording | undefined) => Promise<ExitCode | 'help'>,
): Promise<ExitCode | 'help'> {
  const { record, rest } = takeRecordFlag(command, args);
  const io = ensureScrubbing(rawIo, []);
  const recording = startRecording(await checkRecordPath(record), io);
  const code = await run(rest, io, recording);
  return code === 'help' || recording === undefined ? code : recording.finish(code);
}
