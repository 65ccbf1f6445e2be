/**
 * `node --import tsx bench/first-screen.ts <dataDir> <rendererDirA> <rendererDirB> [rounds]`: the first-screen case
 * of bench/renderer.ts (host start after a clean quit → register rows painted, plus navigation → rows painted) for
 * two builds of the renderer on the same data folder, alternated A B A B… so that a shared machine's load falls on
 * both alike. Each build is copied into dist/renderer (which the host serves) before its round; dist/renderer is left
 * holding B. Prints one line per round and the medians; asserts nothing (bench/run.ts measures the current build).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { rendererCases } from './renderer';

const ROOT = path.resolve(import.meta.dirname, '..');
const DIST = path.join(ROOT, 'dist/renderer');

async function main() {
  const [dataDir, a, b, roundsArg] = process.argv.slice(2);
  if (!dataDir || !a || !b) throw new Error('usage: bench/first-screen.ts <dataDir> <rendererDirA> <rendererDirB> [rounds]');
  const rounds = Number(roundsArg ?? 3);
  const got: Record<string, { first: number[]; nav: number[] }> = { A: { first: [], nav: [] }, B: { first: [], nav: [] } };
  for (let i = 0; i < rounds; i++) {
    for (const [label, dir] of [['A', a], ['B', b]] as const) {
      fs.rmSync(DIST, { recursive: true, force: true });
      fs.cpSync(path.resolve(dir), DIST, { recursive: true });
      const r = await rendererCases(dataDir, { navigations: 3, queries: ['太原'] });
      const first = r.find((x) => x.name.startsWith('first screen'))?.service?.median ?? NaN;
      const nav = r.find((x) => x.name.startsWith('renderer: navigation'))?.service?.median ?? NaN;
      got[label].first.push(first);
      got[label].nav.push(nav);
      process.stdout.write(`round ${i + 1} ${label}: first screen ${first.toFixed(0)} ms, navigation → rows ${nav.toFixed(0)} ms (load ${os.loadavg()[0].toFixed(1)})\n`);
    }
  }
  const med = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
  for (const k of ['A', 'B']) process.stdout.write(`${k}: first screen median ${med(got[k].first).toFixed(0)} ms, navigation median ${med(got[k].nav).toFixed(0)} ms\n`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
