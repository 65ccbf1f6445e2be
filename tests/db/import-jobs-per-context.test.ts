/**
 * Import jobs belong to their service context (db/import/jobs.ts), not to the process: a job id names a job of that
 * context only, closing one context stops only its jobs, and an import writing into one database holds back only the
 * calls on that database. Before, one process-wide registry let a test file (or a second host context in one process)
 * see, cancel and wait for another's imports.
 */
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../db/dispatch';
import { beginImportWrite, cancelJob, endJob, importWriteEnded, jobProgress, startJob, stopAllJobs } from '../../db/import/jobs';
import { testContext } from '../helpers/context';

const client = (name: string, uscc: string) => ({ client: { name, uscc, city: '太原市' } });

describe('import jobs per service context', () => {
  it('a job id is seen, cancelled and stopped only through its own context', () => {
    const a = testContext();
    const b = testContext();
    const jobA = startJob(a, 'same-id');
    const stopped: string[] = [];
    jobA.cancel = () => stopped.push('a');
    expect(jobProgress(a, 'same-id').state).toBe('reading');
    expect(jobProgress(b, 'same-id').state).toBe('unknown');
    expect(cancelJob(b, 'same-id')).toBe(false);
    stopAllJobs(b);
    expect(jobA.cancelled).toBe(false);
    expect(stopped).toEqual([]);

    const jobB = startJob(b, 'same-id');
    jobB.cancel = () => stopped.push('b');
    stopAllJobs(b);
    expect(jobB.cancelled).toBe(true);
    expect(jobA.cancelled).toBe(false);
    expect(stopped).toEqual(['b']);

    expect(cancelJob(a, 'same-id')).toBe(true);
    expect(stopped).toEqual(['b', 'a']);
    endJob('same-id', jobA);
    expect(jobProgress(a, 'same-id').state).toBe('done');
  });

  it("an import's write holds back the writes on its own context only", async () => {
    const a = testContext();
    const b = testContext();
    const end = beginImportWrite(startJob(a, null));
    expect(importWriteEnded(a)).not.toBeNull();
    expect(importWriteEnded(b)).toBeNull();

    const onB = await dispatch(b, 'clients.create', client('太原晋祠兴旅游服务有限公司', '91140106MA1QN6K440'));
    expect(onB.ok).toBe(true); // not held back by a's write

    let doneA = false;
    const onA = dispatch(a, 'clients.create', client('大同沃土坊农产品供应链有限公司', '91140213MA4NRBGM4J')).then((r) => ((doneA = true), r));
    await new Promise((r) => setImmediate(r));
    expect(doneA).toBe(false); // waits for a's write to end
    end();
    expect((await onA).ok).toBe(true);
    expect(importWriteEnded(a)).toBeNull();
  });
});
