/**
 * The thumbnail queue (issue 18): at most two thumbnails made at once; tiles in view first (in the order they came
 * into view), then the rest in the order asked; a failing job does not stop the queue.
 */
import { describe, expect, it } from 'vitest';
import { createThumbQueue } from '../../renderer/src/pages/client/attachments/thumb-queue';

/** A job that records its start and finishes when the test says. */
function deferred(name: string, started: string[]) {
  let finish!: (v: string) => void;
  let fail!: (e: Error) => void;
  const run = () => { started.push(name); return new Promise<string>((res, rej) => { finish = res; fail = rej; }); };
  return { run, finish: () => finish(name), fail: (e: Error) => fail(e) };
}
const tick = () => new Promise((r) => setTimeout(r, 0));

describe('thumbnail queue', () => {
  it('runs two at a time, seen jobs first by the time they were seen, then the rest in order; a failure frees its slot', async () => {
    const q = createThumbQueue(2);
    const started: string[] = [];
    const jobs = Object.fromEntries(['a', 'b', 'c', 'd', 'e', 'f'].map((n) => [n, deferred(n, started)]));
    const queued = Object.fromEntries(Object.entries(jobs).map(([n, j]) => [n, q.add(j.run)]));
    queued.e!.seen();
    queued.c!.seen();
    await tick();
    expect(started).toEqual(['e', 'c']);
    expect(q.size).toEqual({ running: 2, waiting: 4 });
    queued.e!.seen(); // already started: no effect
    queued.f!.seen();
    jobs.c!.finish();
    await expect(queued.c!.promise).resolves.toBe('c');
    await tick();
    expect(started).toEqual(['e', 'c', 'f']);
    jobs.e!.fail(new Error('damaged'));
    await expect(queued.e!.promise).rejects.toThrow('damaged');
    await tick();
    expect(started).toEqual(['e', 'c', 'f', 'a']);
    jobs.f!.finish();
    jobs.a!.finish();
    await tick();
    await tick();
    expect(started).toEqual(['e', 'c', 'f', 'a', 'b', 'd']);
    expect(q.size).toEqual({ running: 2, waiting: 0 });
  });

  it('a job that throws at once is rejected and the next one runs', async () => {
    const q = createThumbQueue(1);
    const bad = q.add(() => { throw new Error('no bytes'); });
    const good = q.add(async () => 'ok');
    await expect(bad.promise).rejects.toThrow('no bytes');
    await expect(good.promise).resolves.toBe('ok');
  });
});
