/**
 * What unmasked personal data a full export carries (ID numbers, phone numbers), so the export can say so on its
 * cover (spec: personal data is shown masked everywhere except where the user asks for the full data, and exports
 * that hold it unmasked must say so).
 */
import type { DB } from '../open';

/** Counts of unmasked personal data in the database and a Chinese notice for an export's cover. */
export interface PersonalDataSummary {
  idNumbers: number;
  phones: number;
  /** Chinese sentence for the 说明 sheet / JSON header; null when there is nothing personal in the file. */
  notice: string | null;
}

const has = (db: DB, table: string) => !!db.prepare("SELECT 1 FROM sqlite_master WHERE type='table' AND name = ?").get(table);
const count = (db: DB, sql: string) => (db.prepare(sql).get() as { n: number }).n;

export function personalDataSummary(db: DB): PersonalDataSummary {
  const idNumbers = count(db, 'SELECT count(*) AS n FROM clients WHERE legal_rep_id_number IS NOT NULL');
  let phones = count(db, "SELECT count(*) AS n FROM clients WHERE contact_phone IS NOT NULL AND contact_phone <> ''");
  if (has(db, 'inspection_attendees')) phones += count(db, "SELECT count(*) AS n FROM inspection_attendees WHERE phone IS NOT NULL AND phone <> ''");
  if (has(db, 'inspections')) phones += count(db, "SELECT count(*) AS n FROM inspections WHERE consultant_phone IS NOT NULL AND consultant_phone <> ''");
  const notice = idNumbers || phones
    ? `本文件包含未打码的个人信息：${idNumbers} 个身份证号、${phones} 个电话号码。请妥善保管，不要通过聊天软件或邮件外传。`
    : null;
  return { idNumbers, phones, notice };
}
