// Benchmark 4's probe, plain JavaScript run by plain `node` (no tsx in the way): imports the module
// named in argv[2] and prints one JSON line with the CPU (user + system, µs) and wall time (ms) of
// that import alone, Node's own start-up excluded.
const specifier = process.argv[2];
const cpuStart = process.cpuUsage();
const started = performance.now();
await import(specifier);
const wallMs = performance.now() - started;
const cpu = process.cpuUsage(cpuStart);
process.stdout.write(`${JSON.stringify({ specifier, cpuMicros: cpu.user + cpu.system, wallMs })}\n`);
process.exit(0);
