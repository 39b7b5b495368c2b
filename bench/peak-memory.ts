// Peak resident memory of one process over a window of time, from /proc/<pid>/status. The kernel
// keeps the peak (VmHWM) itself; writing 5 to /proc/<pid>/clear_refs starts it again from the
// current size, so each scenario gets its own peak. Where that is refused, polling VmRSS every
// 50 ms gives a peak that can miss a short spike.
import { readFileSync, writeFileSync } from 'node:fs';

type PeakReading = { peakMb: number; method: 'VmHWM' | 'polled VmRSS' };

const MB = 1024;

/** A field of /proc/<pid>/status in kB, or undefined when the process is gone. */
export function statusKb(pid: number, field: 'VmRSS' | 'VmHWM'): number | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text);
    return match?.[1] ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

export const toMb = (kb: number | undefined): number | undefined =>
  kb === undefined ? undefined : Math.round((kb / MB) * 10) / 10;

export class PeakMemory {
  readonly #pid: number;
  #reset = false;
  #polledKb = 0;
  #timer: NodeJS.Timeout | undefined;

  constructor(pid: number) {
    this.#pid = pid;
  }

  start(): void {
    try {
      writeFileSync(`/proc/${this.#pid}/clear_refs`, '5');
      this.#reset = true;
    } catch {
      this.#reset = false;
    }
    this.#poll();
    this.#timer = setInterval(() => this.#poll(), 50);
    this.#timer.unref();
  }

  #poll(): void {
    this.#polledKb = Math.max(this.#polledKb, statusKb(this.#pid, 'VmRSS') ?? 0);
  }

  stop(): PeakReading {
    clearInterval(this.#timer);
    this.#poll();
    const hwm = this.#reset ? statusKb(this.#pid, 'VmHWM') : undefined;
    const kb = Math.max(hwm ?? 0, this.#polledKb);
    return { peakMb: toMb(kb) ?? 0, method: hwm !== undefined ? 'VmHWM' : 'polled VmRSS' };
  }
}
