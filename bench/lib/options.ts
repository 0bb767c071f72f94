/** Command-line options of `npm run bench`. */

/** How much work each benchmark does. */
export interface BenchOptions {
  readonly quick: boolean;
  /** Interleaved repeats of the side-by-side benchmark. */
  readonly repeats: number;
  /** Concurrent sign-ins per client run. */
  readonly signIns: number;
  /** Sign-ins on the fast warm-up server before each measured window. */
  readonly warmUpSignIns: number;
  /** Sign-ins waiting at once for the heap-per-sign-in figure. */
  readonly waitingSignIns: number;
  /** Sign-ins waiting at once in the one large run (this library's actor path). */
  readonly largeWaitingSignIns: number;
  /** Concurrent actors of the engine benchmark, and the polls each makes. */
  readonly engineActors: number;
  readonly enginePolls: number;
  /** Fresh processes per import in the startup benchmark. */
  readonly startupRuns: number;
  /** Skip `npm run build` (the benchmarks then run the existing dist/). */
  readonly skipBuild: boolean;
}

/** Reads `--quick`, `--repeats N`, `--sign-ins N`, `--skip-build` from `argv`. */
export function parseBenchOptions(argv: readonly string[]): BenchOptions {
  const quick = argv.includes('--quick');
  const numberAfter = (flag: string): number | undefined => {
    const index = argv.indexOf(flag);
    if (index === -1) return undefined;
    const value = Number(argv[index + 1]);
    if (!Number.isInteger(value) || value < 1) throw new Error(`bench: ${flag} takes a whole number above 0`);
    return value;
  };
  return {
    quick,
    repeats: numberAfter('--repeats') ?? (quick ? 2 : 5),
    signIns: numberAfter('--sign-ins') ?? (quick ? 100 : 500),
    warmUpSignIns: quick ? 10 : 20,
    waitingSignIns: quick ? 2_000 : 10_000,
    largeWaitingSignIns: quick ? 10_000 : 100_000,
    engineActors: 500,
    enginePolls: quick ? 5 : 10,
    startupRuns: quick ? 3 : 7,
    skipBuild: argv.includes('--skip-build'),
  };
}
