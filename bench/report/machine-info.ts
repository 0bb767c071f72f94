/** The machine a run happened on, for the report. */
import { cpus, loadavg, platform, release, totalmem } from 'node:os';

/** CPU model, cores, memory, Node version, OS and load. */
export interface MachineInfo {
  readonly cpuModel: string;
  readonly cores: number;
  readonly memoryGiB: number;
  readonly node: string;
  readonly platform: string;
  readonly loadAverage: string;
}

/** Reads {@link MachineInfo} now. */
export function machineInfo(): MachineInfo {
  const list = cpus();
  return {
    cpuModel: list[0]?.model.trim() ?? 'unknown CPU',
    cores: list.length,
    memoryGiB: Math.round(totalmem() / 1024 ** 3),
    node: process.version,
    platform: `${platform()} ${release()}`,
    loadAverage: loadavg().map((value) => value.toFixed(1)).join(' / '),
  };
}
