/**
 * 导出申报材料包 (issue 18 §4): the submission package of one client as a .zip — one folder per material group
 * ("A-基础身份材料" … "D-合规材料"), each file named after its checklist item in checklist order
 * ("A01-增值电信业务经营许可证申请表.pdf"; several files of one item "-1", "-2"), plus 材料目录.pdf on A4 (item, file
 * names, pages, status, 全/准/清). Read-only: nothing in the database changes. Bytes are hash-verified on read.
 * The plan (names, order, what is missing) and 材料目录.pdf are made here; the files are read, merged and zipped in a
 * worker thread (db/package/run.ts), with progress and cancel by the page's job id.
 */
import type { Out, Parsed } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { msg } from '../../shared/messages';
import { MATERIAL_DONE_STATUSES, MATERIAL_GROUPS, type MaterialStatus } from '../../shared/domain/materials';
import { chinaToday } from '../../shared/domain/weeks';
import type { CatalogueRow, MissingItem, PackagePlan, PlannedEntry } from '../package/build';
import { buildPackageInWorker, cancelPackage, packageProgress } from '../package/run';
import { registerPackage } from '../package/downloads';
import type { ServiceContext } from './context';
import { stmt } from './stmt';

interface Item { id: number; item_key: string; group_key: string; title: string; status: MaterialStatus; check_complete: number; check_accurate: number; check_legible: number }
interface File { id: number; material_id: number; file_name: string; sha256: string; kind: string; pages: number | null }

/** Characters not allowed in file names on Windows, and the path separators. */
const safe = (s: string) => s.replace(/[\\/]+/g, '_').replace(/[\u0000-\u001f<>:"|?*]/g, '_').trim();
const extOf = (name: string, kind: string) => /\.[A-Za-z0-9]{1,6}$/.exec(name)?.[0].toLowerCase() ?? ({ pdf: '.pdf', jpeg: '.jpg', png: '.png', webp: '.webp', heic: '.heic', ofd: '.ofd' } as Record<string, string>)[kind] ?? '';

/**
 * The package of client `input.clientId` as a plan: the zip's file name, its paths in order, the items left out and
 * why, and what the build needs (db/package/build.ts `PackagePlan`). Reads only.
 * @throws AppError NOT_FOUND package_client_not_found
 */
export function planPackage(ctx: ServiceContext, input: Pick<Parsed<'attachments.package'>, 'clientId' | 'includeAll' | 'mergeImages'>): { fileName: string; paths: string[]; plan: PackagePlan } {
  const client = stmt(ctx.db, 'SELECT name FROM clients WHERE id = ?').get(input.clientId) as { name: string } | undefined;
  if (!client) throw new AppError('NOT_FOUND', msg('package_client_not_found'), { id: input.clientId });
  const items = stmt(ctx.db, 'SELECT id, item_key, group_key, title, status, check_complete, check_accurate, check_legible FROM materials WHERE client_id = ? ORDER BY sort, id').all(input.clientId) as Item[];
  const files = stmt(ctx.db, 'SELECT id, material_id, file_name, sha256, kind, pages FROM attachments WHERE client_id = ? ORDER BY sort, id').all(input.clientId) as File[];
  const byItem = new Map<number, File[]>();
  for (const f of files) byItem.set(f.material_id, [...(byItem.get(f.material_id) ?? []), f]);

  const entries: PlannedEntry[] = [];
  const rows: CatalogueRow[] = [];
  const missing: MissingItem[] = [];
  for (const item of items) {
    const own = byItem.get(item.id) ?? [];
    if (!own.length) { missing.push({ itemKey: item.item_key, title: item.title, status: item.status, reason: 'noFiles' }); continue; }
    if (!input.includeAll && !MATERIAL_DONE_STATUSES.includes(item.status)) { missing.push({ itemKey: item.item_key, title: item.title, status: item.status, reason: 'notChecked' }); continue; }
    const group = MATERIAL_GROUPS.find((g) => g.key === item.group_key);
    const folder = group ? `${group.key}-${group.zh}` : safe(item.group_key);
    // Each output: one stored file, or (mergeImages) the item's JPEG/PNG images together, placed at the first image.
    const images = input.mergeImages ? own.filter((f) => f.kind === 'jpeg' || f.kind === 'png') : [];
    const outputs: { ext: string; pages: number | null; sources: File[]; merge: boolean }[] = [];
    for (const f of own) {
      if (images.length > 1 && images.includes(f)) {
        if (f !== images[0]) continue;
        outputs.push({ ext: '.pdf', pages: images.length, sources: images, merge: true });
      } else {
        outputs.push({ ext: extOf(f.file_name, f.kind), pages: f.kind === 'pdf' ? f.pages : ['jpeg', 'png', 'webp', 'heic'].includes(f.kind) ? 1 : null, sources: [f], merge: false });
      }
    }
    const base = `${item.item_key}-${safe(item.title)}`;
    const names: string[] = [];
    let pages: number | null = 0;
    outputs.forEach((o, i) => {
      const name = `${base}${outputs.length > 1 ? `-${i + 1}` : ''}${o.ext}`;
      names.push(name);
      pages = pages == null || o.pages == null ? null : pages + o.pages;
      entries.push({ path: `${folder}/${name}`, sources: o.sources.map((f) => ({ sha: f.sha256, kind: f.kind })), merge: o.merge });
    });
    rows.push({ itemKey: item.item_key, title: item.title, status: item.status, checks: [!!item.check_complete, !!item.check_accurate, !!item.check_legible], names, pages });
  }
  const today = chinaToday(ctx.now());
  return {
    fileName: `${safe(client.name)}-申报材料包-${today}.zip`,
    paths: ['材料目录.pdf', ...entries.map((e) => e.path)],
    plan: { dataDir: ctx.dataDir, clientName: client.name, today, mtime: ctx.now().toISOString(), rows, missing, entries },
  };
}

/**
 * `attachments.package`: the plan ({@link planPackage}); unless `dryRun`, the zip built in a worker thread
 * (db/package/run.ts) under `input.jobId` into a file of the data folder, answered by its `downloadId` (saved through
 * the host: db/package/downloads.ts) and size — never the bytes.
 * @throws AppError NOT_FOUND (client, a stored file missing), BAD_FILE (a stored file altered; package_cancelled;
 *   package_too_large)
 */
export async function exportAttachmentPackage(ctx: ServiceContext, input: Parsed<'attachments.package'>): Promise<Out<'attachments.package'>> {
  const { fileName, paths, plan } = planPackage(ctx, input);
  if (input.dryRun) return { fileName, downloadId: null, size: null, entries: paths, missing: plan.missing };
  const built = await buildPackageInWorker(ctx, input.jobId, plan);
  registerPackage(ctx, built.id, { file: built.file, fileName, size: built.size });
  return { fileName, downloadId: built.id, size: built.size, entries: paths, missing: plan.missing };
}

/** `attachments.packageProgress`: where the build of job `jobId` is (state 'unknown' for no such job). */
export function attachmentPackageProgress(ctx: ServiceContext, input: Parsed<'attachments.packageProgress'>): Out<'attachments.packageProgress'> {
  return packageProgress(ctx, input.jobId);
}

/** `attachments.packageCancel`: stops the build of job `jobId` (its call fails with package_cancelled); false when none runs. */
export function cancelAttachmentPackage(ctx: ServiceContext, input: Parsed<'attachments.packageCancel'>): Out<'attachments.packageCancel'> {
  return { cancelled: cancelPackage(ctx, input.jobId) };
}
