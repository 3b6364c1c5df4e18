/** What every benchmark here shares: run once to warm up, then BENCH_RUNS times, and report the median and the slowest in ms. */
export const RUNS = Number(process.env.BENCH_RUNS ?? 20);

export async function time(label: string, run: () => Promise<unknown>) {
  await run();
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await run();
    ms.push(performance.now() - start);
  }
  ms.sort((a, b) => a - b);
  return { label, median: ms[Math.floor(ms.length / 2)]!, slowest: ms[ms.length - 1]! };
}
