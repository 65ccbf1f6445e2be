/**
 * Attachment rows for the register's benchmark (issue 18 target: the register and client page timings of the
 * 20,000-client bench unchanged with 100,000 attachment rows). Rows are spread at random over the clients' material
 * items (PDFs and JPEGs of plausible sizes); they reference a pool of real stored files (content-addressed, so many rows
 * share one file — as the same scan attached to several items does), so starts, backups and the client page read a
 * consistent data folder.
 */
import crypto from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { writeBlob } from '../db/files/store';
import { writeTransaction } from '../db/tx';

/** Inserts `rows` attachment rows into the register in `db` (files in `dataDir`); returns how many files the pool holds. */
export function generateAttachmentRows(db: Database, dataDir: string, rows: number, seed: number): { rows: number; files: number } {
  if (rows <= 0) return { rows: 0, files: 0 };
  let s = seed >>> 0;
  const rnd = () => ((s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0) / 2 ** 32);
  const poolSize = Math.min(200, rows);
  const pool = Array.from({ length: poolSize }, (_, i) => {
    const pdf = i % 2 === 0;
    const head = pdf ? '%PDF-1.4\n' : '\xff\xd8\xff\xe0';
    const bytes = Buffer.concat([Buffer.from(head, 'latin1'), crypto.randomBytes(4096), Buffer.from(pdf ? '\n%%EOF\n' : '')]);
    return { sha: writeBlob(dataDir, bytes), size: bytes.length, pdf };
  });
  const materials = db.prepare('SELECT id, client_id FROM materials').all() as { id: number; client_id: number }[];
  const insert = db.prepare(`INSERT INTO attachments (client_id, material_id, file_name, size, sha256, kind, mime, pages, width, height, sort, added_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  writeTransaction(db, () => {
    for (let i = 0; i < rows; i++) {
      const m = materials[Math.floor(rnd() * materials.length)];
      const f = pool[i % poolSize];
      const day = 1 + Math.floor(rnd() * 28);
      insert.run(m.client_id, m.id, f.pdf ? `扫描件-${i + 1}.pdf` : `照片-${i + 1}.jpg`, f.size, f.sha, f.pdf ? 'pdf' : 'jpeg', f.pdf ? 'application/pdf' : 'image/jpeg',
        f.pdf ? 1 + Math.floor(rnd() * 20) : null, f.pdf ? null : 3024, f.pdf ? null : 4032, i, `2026-11-${String(day).padStart(2, '0')}T02:00:00.000Z`);
    }
  });
  return { rows, files: poolSize };
}
