/**
 * Prints the functions that took the most CPU time in a .cpuprofile (self time, summed by
 * function and file), so a profile can be read in a terminal.
 *
 *   npx tsx bench/summarise-profile.ts FILE.cpuprofile [TOP]
 */
import fs from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [file, top = '40'] = process.argv.slice(2);
if (!file) throw new Error('usage: summarise-profile.ts FILE.cpuprofile [TOP]');
const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile;
const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
const selfTime = new Map<string, number>();
let total = 0;
profile.samples.forEach((id, i) => {
  const node = nodes.get(id)!;
  const frame = node.callFrame;
  const where = frame.url.split('/').slice(-2).join('/');
  const key = `${frame.functionName || '(anonymous)'} ${where}:${frame.lineNumber + 1}`;
  const delta = profile.timeDeltas[i] ?? 0;
  selfTime.set(key, (selfTime.get(key) ?? 0) + delta);
  total += delta;
});
for (const [key, time] of [...selfTime].sort((a, b) => b[1] - a[1]).slice(0, Number(top))) {
  console.log(`${((time / total) * 100).toFixed(1).padStart(5)}%  ${key}`);
}
