import { describe, expect, it } from 'vitest';
import {
  areaBelowMinimum, DEFAULT_INSPECTION_TEMPLATE, expectedIssueDate, INSPECTION_SECTION_KEYS, MIN_OFFICE_AREA, readiness, type ReadinessItem,
} from '../../shared/domain/inspection';

const item = (id: number, checked: boolean, extra: Partial<ReadinessItem> = {}): ReadinessItem => ({ id, text: `项${id}`, checked, evidence: 'none', measuredAreaM2: null, ...extra });

describe('inspection rules (spec §6, §3, §5)', () => {
  it('the default template covers the five sections in order, with unique keys and one measured-area item', () => {
    expect([...new Set(DEFAULT_INSPECTION_TEMPLATE.map((t) => t.section))]).toEqual([...INSPECTION_SECTION_KEYS]);
    expect(new Set(DEFAULT_INSPECTION_TEMPLATE.map((t) => t.key)).size).toBe(DEFAULT_INSPECTION_TEMPLATE.length);
    expect(DEFAULT_INSPECTION_TEMPLATE.filter((t) => t.evidence === 'area_m2').map((t) => t.key)).toEqual(['P01']);
    // Short enough to print on one line of the sheet's item column.
    for (const t of DEFAULT_INSPECTION_TEMPLATE) expect(t.text.length).toBeLessThanOrEqual(24);
  });

  it.each([
    [45, true], [49.9, true], [50, false], [60, false], [null, false],
  ])('area %s m² below the 50 m² minimum: %s', (area, below) => {
    expect(MIN_OFFICE_AREA.valueM2).toBe(50);
    expect(areaBelowMinimum(area)).toBe(below);
  });

  it('readiness: floor percentage, open items in order, a ticked low-area item stays open', () => {
    expect(readiness([])).toEqual({ done: 0, total: 0, percent: 0, open: [] });
    const r = readiness([item(1, true), item(2, false), item(3, true, { evidence: 'area_m2', measuredAreaM2: 45 })]);
    expect(r).toEqual({ done: 1, total: 3, percent: 33, open: [{ id: 2, text: '项2', reason: 'unchecked' }, { id: 3, text: '项3', reason: 'area_low' }] });
    expect(readiness([...Array(199)].map((_, i) => item(i + 1, true)).concat(item(200, false))).percent).toBe(99);
    expect(readiness([item(1, true, { evidence: 'area_m2', measuredAreaM2: 60 })]).percent).toBe(100);
  });

  it.each([
    ['2026-09-30', '2026-10-13'], // National Day 10-01…10-07 off, 10-10 Sat is a 调休 working day
    ['2026-11-26', '2026-12-03'], // Thu → Fri, Mon…Thu
    ['2026-02-12', '2026-02-26'], // Spring Festival: 02-13 Fri (1), 02-14 Sat 调休 (2), 02-15…02-23 off, 02-24…02-26
  ])('expected issue date after a pass on %s is %s (5 working days)', (d, expected) => {
    expect(expectedIssueDate(d)).toEqual({ date: expected, missingYears: [] });
  });
});
