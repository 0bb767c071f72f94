// Preloaded with `node --import` around a whole program (the CLI): at exit, writes the process's
// CPU (user + system, µs) to stderr as `BENCH_CPU <n>` for benchmark 4.
process.on('exit', () => {
  const { user, system } = process.cpuUsage();
  process.stderr.write(`\nBENCH_CPU ${user + system}\n`);
});
