/**
 * The thumbnail queue (issue 18): tiles' thumbnails (a PDF's first page drawn by pdf.js, an image's bytes fetched or
 * a HEIC preview converted by the host) are made at most `slots` at a time, so the first ones finish sooner than when
 * every tile of a client starts at once and they all share the cores. Jobs of tiles in view (`seen`, from an
 * IntersectionObserver) go first, in the order they came into view; the others follow in the order they were asked
 * for, so every thumbnail is made in the end, the visible ones first.
 */

/** A queued job: `seen()` moves it ahead of the jobs not in view (no effect once started). */
export interface QueuedJob<T> { promise: Promise<T>; seen(): void }

/** A queue running at most `slots` jobs at once; jobs in view first, then by arrival. */
export function createThumbQueue(slots = 2) {
  interface Job { run: () => Promise<unknown>; resolve(v: unknown): void; reject(e: unknown): void; seenAt: number | null; started: boolean }
  const waiting: Job[] = [];
  let running = 0;
  let seenSeq = 0;
  const pump = () => {
    while (running < slots && waiting.length) {
      const seen = waiting.filter((j) => j.seenAt !== null);
      const job = seen.length ? seen.reduce((a, b) => (b.seenAt! < a.seenAt! ? b : a)) : waiting[0]!;
      waiting.splice(waiting.indexOf(job), 1);
      job.started = true;
      running++;
      let p: Promise<unknown>;
      try { p = job.run(); } catch (e) { p = Promise.reject(e); }
      void p.then(job.resolve, job.reject).finally(() => { running--; pump(); });
    }
  };
  return {
    /** Queues `run`; its promise settles as `run`'s does. */
    add<T>(run: () => Promise<T>): QueuedJob<T> {
      let job!: Job;
      const promise = new Promise<T>((resolve, reject) => {
        job = { run, resolve: resolve as (v: unknown) => void, reject, seenAt: null, started: false };
      });
      waiting.push(job);
      queueMicrotask(pump); // a tile that mounts in view says so in the same tick: let it, before choosing
      return { promise, seen: () => { if (!job.started && job.seenAt === null) job.seenAt = ++seenSeq; } };
    },
    /** Jobs running now and waiting (for tests and the bench). */
    get size() { return { running, waiting: waiting.length }; },
  };
}

/** The page's one thumbnail queue: two at a time. */
export const thumbQueue = createThumbQueue(2);
