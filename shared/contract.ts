/**
 * The API contract: every method the renderer may call, as `'domain.verb'` → `{ input, output }` zod schemas.
 * Request and response types are inferred from here and never written twice. The Electron IPC dispatcher and the
 * browser-mode HTTP host both validate `input` with these schemas before calling the service (db/service).
 * Conventions: dates are 'YYYY-MM-DD' (date-only, China), instants ISO-8601 UTC, money integer yuan, areas m².
 */
import { z } from 'zod';
import { CITY_NAMES } from './domain/cities';
import { INDUSTRIES } from './domain/industries';
import { MATERIAL_STATUSES } from './domain/materials';
import { STAGE_KEYS } from './domain/stages';
import { weeklyMethods } from './contracts/weekly';
import { deadlineMethods } from './contracts/deadlines';
import { aftercareMethods } from './contracts/aftercare';
import { eligibilityMethods } from './contracts/eligibility';
import { inspectionsMethods } from './contracts/inspections';
import { attachmentMethods } from './contracts/attachments';
import { backupMethods, DataState } from './contracts/backup';
import { searchMethods } from './contracts/search';

/** 'YYYY-MM-DD' that is a real calendar date. */
export const DateStr = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, '不是有效日期');
export const Id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const Text = (max: number) => z.string().trim().max(max, `不能超过${max}个字符`);
const OptText = (max: number) => Text(max).nullable().default(null);

export const CityName = z.enum(CITY_NAMES as unknown as [string, ...string[]]);
export const StageKey = z.enum(STAGE_KEYS);
export const MaterialStatus = z.enum(MATERIAL_STATUSES);
export const Industry = z.enum(INDUSTRIES);

/** The editable fields of a client (form and import). USCC is normalised and checked by the service. */
export const ClientInput = z.object({
  name: Text(100).min(2, '请填写公司名称'),
  uscc: Text(40).min(1, '请填写统一社会信用代码'),
  city: CityName,
  district: OptText(40),
  address: OptText(200),
  industry: Industry.default('其他'),
  platformName: OptText(100),
  domain: OptText(200),
  /** ICP备案号 of the domain (e.g. 晋ICP备2023001234号-1); the authority checks it matches the application. */
  icpFilingNo: OptText(60),
  /** Where the platform's servers are (e.g. 阿里云华北2（北京）, or the machine room's address). */
  serverLocation: OptText(200),
  businessScope: OptText(2000),
  legalRep: OptText(40),
  /** 法定代表人身份证号: a full valid number, null, or (on update) the masked form shown, meaning "keep the stored one". */
  legalRepIdNumber: OptText(18),
  contactName: OptText(40),
  contactPhone: OptText(40),
  capitalYuan: z.number().int().min(0).max(1e13).nullable().default(null),
  founded: DateStr.nullable().default(null),
  officeAreaM2: z.number().min(0).max(1e6).nullable().default(null),
  insuredStaff: z.number().int().min(0).max(100000).nullable().default(null),
  consultant: OptText(40),
  remark: OptText(2000),
});
export type ClientInput = z.infer<typeof ClientInput>;

/** One 其他信息 entry: a spreadsheet column that maps to no client field, kept as heading → raw text. */
export const ExtraInfoItem = z.object({
  label: z.string().trim().min(1, '其他信息的名称不能为空').max(100, '不能超过100个字符'),
  value: z.string().max(5000, '不能超过5000个字符'),
});
export type ExtraInfoItem = z.infer<typeof ExtraInfoItem>;

/** A stored client as the client page shows it. */
export const Client = ClientInput.extend({
  /** 其他信息, in order (import keeps every unmapped column here; editable on the client page). */
  extraInfo: z.array(ExtraInfoItem),
  id: Id,
  stage: StageKey,
  stageSince: DateStr.nullable(),
  usccValid: z.boolean(),
  archived: z.boolean(),
  materialsDone: z.number().int(),
  materialsTotal: z.number().int(),
  lastNoteDate: DateStr.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Client = z.infer<typeof Client>;

/** Soft warnings on a saved client (saved anyway): e.g. the city differs from the USCC's division code. */
export const ClientWarning = z.object({ code: z.enum(['city_mismatch', 'uscc_check', 'outside_shanxi']), message: z.string() });
export type ClientWarning = z.infer<typeof ClientWarning>;

export const ClientRow = z.object({
  id: Id,
  name: z.string(),
  uscc: z.string(),
  usccValid: z.boolean(),
  city: z.string(),
  industry: z.string(),
  stage: StageKey,
  consultant: z.string().nullable(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  materialsDone: z.number().int(),
  materialsTotal: z.number().int(),
  lastNoteDate: DateStr.nullable(),
});
export type ClientRow = z.infer<typeof ClientRow>;

export const CLIENT_SORT_FIELDS = ['name', 'city', 'industry', 'stage', 'consultant', 'progress', 'lastNoteDate', 'createdAt'] as const;
export const ClientListInput = z.object({
  q: Text(100).default(''),
  city: CityName.nullable().default(null),
  stage: StageKey.nullable().default(null),
  consultant: Text(40).nullable().default(null),
  sort: z.enum(CLIENT_SORT_FIELDS).default('createdAt'),
  dir: z.enum(['asc', 'desc']).default('asc'),
  offset: z.number().int().min(0).max(10_000_000).default(0),
  limit: z.number().int().min(1).max(500).default(100),
});
export type ClientListInput = z.input<typeof ClientListInput>;

export const Material = z.object({
  id: Id,
  clientId: Id,
  itemKey: z.string(),
  group: z.string(),
  title: z.string(),
  hint: z.string(),
  sort: z.number().int(),
  status: MaterialStatus,
  checkComplete: z.boolean(),
  checkAccurate: z.boolean(),
  checkLegible: z.boolean(),
  note: z.string().nullable(),
  dueDate: DateStr.nullable(),
  updatedAt: z.string(),
});
export type Material = z.infer<typeof Material>;

export const Note = z.object({ id: Id, clientId: Id, date: DateStr, body: z.string(), createdAt: z.string(), updatedAt: z.string() });
export type Note = z.infer<typeof Note>;

/** One recorded change (events table): what, old, new, when. `on` is the China date the change counts for. */
export const Event = z.object({
  id: Id,
  clientId: Id,
  at: z.string(),
  on: DateStr,
  kind: z.string(),
  subject: z.string().nullable(),
  subjectTitle: z.string().nullable(),
  oldValue: z.string().nullable(),
  newValue: z.string().nullable(),
});
export type Event = z.infer<typeof Event>;

/** Spreadsheet import: which column feeds which client field. Keys are field names, values 0-based column indexes. */
export const IMPORT_FIELDS = [
  'seq', 'name', 'uscc', 'city', 'district', 'address', 'industry', 'platformName', 'domain', 'icpFilingNo', 'serverLocation', 'legalRep', 'legalRepIdNumber', 'contactName',
  'contactPhone', 'capital', 'founded', 'officeArea', 'insuredStaff', 'stage', 'stageSince', 'consultant', 'remark', 'businessScope',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];
export const ImportMapping = z.partialRecord(z.enum(IMPORT_FIELDS), z.number().int().min(0).max(500));
export type ImportMapping = z.infer<typeof ImportMapping>;

export const ImportFile = z.object({
  fileName: Text(260).min(1),
  /** The file's bytes, base64; at most 40 MB encoded. */
  dataBase64: z.string().min(1, '文件为空').max(40_000_000, '文件过大（上限约30MB）'),
});

/** Outcome of one data row: imported / needs a decision (flagged) / duplicate. */
export const ImportRowOutcome = z.enum(['import', 'flagged', 'duplicate']);
/** A reason as data: a message code (shared/messages.ts) with params, and its zh-CN text. The UI renders code + params. */
export const ImportReason = z.object({ code: z.string(), params: z.record(z.string(), z.unknown()), text: z.string() });
export type ImportReason = z.infer<typeof ImportReason>;
/** Where a sheet column goes: a client field, 其他信息, ignored by the user's choice, or nowhere because it is empty. */
export const ImportColumn = z.object({
  index: z.number().int(),
  letter: z.string(),
  header: z.string(),
  destination: z.enum(['field', 'extra', 'ignored', 'empty']),
  field: z.enum(IMPORT_FIELDS).nullable(),
});
export type ImportColumn = z.infer<typeof ImportColumn>;
export const ImportRow = z.object({
  /** 1-based row number in the sheet (what the user sees in Excel). */
  sheetRow: z.number().int(),
  /** The row's own 序号 if the sheet has one, else null. */
  seq: z.string().nullable(),
  outcome: ImportRowOutcome,
  /** Flag codes: uscc_check, uscc_invalid, outside_shanxi, city_unknown, city_mismatch, missing_name, bad_value,
   *  duplicate_in_file, exists, uscc_fullwidth, uscc_lowercase, capital_low, area_low, staff_low. */
  flags: z.array(z.string()),
  /** Reasons (code + params + zh text), one per flag that matters to the decision. */
  reasons: z.array(ImportReason),
  /** Whether the user may import a flagged row anyway. */
  canForce: z.boolean(),
  /** The row number (sheetRow) of the earlier row with the same USCC, for duplicates within the file. */
  duplicateOf: z.number().int().nullable(),
  /** `stageSince`: the date the client reached its stage, when the sheet has one (阶段日期). */
  values: ClientInput.partial().extend({ stage: StageKey.nullable().optional(), stageSince: DateStr.nullable().optional() }),
  /** The row's values of columns that feed no field (not ignored), in column order: stored as 其他信息. */
  extra: z.array(z.object({ label: z.string(), value: z.string() })),
});
export type ImportRow = z.infer<typeof ImportRow>;

export const ImportPreview = z.object({
  fileName: z.string(),
  sheetName: z.string().nullable(),
  encoding: z.string().nullable(),
  headerRow: z.number().int(),
  headers: z.array(z.string()),
  mapping: ImportMapping,
  /** Where the mapping came from: the user's (input), remembered for this header set, or detected from the headings. */
  mappingSource: z.enum(['user', 'remembered', 'detected']),
  /** Columns the user chose to ignore (0-based). */
  ignore: z.array(z.number().int()),
  /** Every column of the sheet with its destination. */
  columns: z.array(ImportColumn),
  rows: z.array(ImportRow),
  summary: z.object({
    total: z.number().int(), import: z.number().int(), flagged: z.number().int(), duplicate: z.number().int(),
    /** Values the 'import' rows put into 其他信息. */
    extraValues: z.number().int(),
  }),
});
export type ImportPreview = z.infer<typeof ImportPreview>;

export const ImportResult = z.object({
  imported: z.number().int(),
  /** Values stored as 其他信息 on the imported clients. */
  extraValues: z.number().int(),
  skipped: z.array(z.object({ sheetRow: z.number().int(), seq: z.string().nullable(), reasons: z.array(ImportReason) })),
  clientIds: z.array(Id),
});
/** Options shared by preview and commit: columns to ignore (null = remembered / none) and a job id for progress and cancel. */
const ImportOptions = {
  ignore: z.array(z.number().int().min(0).max(500)).max(501).nullable().optional(),
  jobId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).nullable().optional(),
};
/**
 * Progress of a running import job (import.progress): state 读取 'reading' (bytes of the file read, non-blank rows
 * found) → 检查 'checking' (`rows` being checked against the database) → 写入 'writing' (`rows` being inserted) →
 * 'done'; 'unknown' for an id never seen or forgotten.
 */
export const ImportProgress = z.object({
  state: z.enum(['reading', 'checking', 'writing', 'done', 'unknown']),
  bytesRead: z.number().int(),
  totalBytes: z.number().int(),
  rows: z.number().int(),
});
export type ImportResult = z.infer<typeof ImportResult>;

const Ok = z.object({ ok: z.literal(true) });

/** The register's methods (clients, materials, notes, import). Other features add their own map in
 *  `shared/contracts/<feature>.ts` and spread it into {@link contract} below. */
const registerMethods = {
  'app.info': {
    input: z.object({}).default({}),
    output: z.object({ version: z.string(), dataDir: z.string(), dbPath: z.string(), schemaVersion: z.number().int(), today: DateStr, state: DataState }),
  },
  'clients.list': { input: ClientListInput, output: z.object({ total: z.number().int(), rows: z.array(ClientRow) }) },
  'clients.facets': { input: z.object({}).default({}), output: z.object({ consultants: z.array(z.string()), total: z.number().int() }) },
  'clients.get': { input: z.object({ id: Id }), output: Client },
  'clients.create': { input: z.object({ client: ClientInput, stage: StageKey.default('consultation') }), output: z.object({ client: Client, warnings: z.array(ClientWarning) }) },
  'clients.update': { input: z.object({ id: Id, client: ClientInput }), output: z.object({ client: Client, warnings: z.array(ClientWarning) }) },
  /**
   * Deletes a client for good. `purgeBackups`: also rewrite every backup and set-aside damaged copy in the data
   * folder without it; `purge` then reports copies checked / cleaned and the names of those that could not be cleaned.
   */
  'clients.remove': {
    input: z.object({ id: Id, purgeBackups: z.boolean().default(false) }),
    output: z.object({
      ok: z.literal(true),
      purge: z.object({ checked: z.number().int(), cleaned: z.number().int(), failed: z.array(z.string()) }).nullable(),
    }),
  },
  'clients.setStage': { input: z.object({ id: Id, stage: StageKey, date: DateStr }), output: Client },
  'clients.timeline': { input: z.object({ id: Id, limit: z.number().int().min(1).max(1000).default(200) }), output: z.array(Event) },
  'materials.list': { input: z.object({ clientId: Id }), output: z.array(Material) },
  /** `on`: the date the change took effect (back-dating allowed, never after today in China); null = today. */
  'materials.setStatus': { input: z.object({ id: Id, status: MaterialStatus, on: DateStr.nullable().default(null) }), output: Material },
  'materials.setChecks': {
    input: z.object({ id: Id, checkComplete: z.boolean(), checkAccurate: z.boolean(), checkLegible: z.boolean() }),
    output: Material,
  },
  'materials.update': { input: z.object({ id: Id, note: Text(2000).nullable(), dueDate: DateStr.nullable() }), output: Material },
  'notes.list': { input: z.object({ clientId: Id }), output: z.array(Note) },
  'notes.create': { input: z.object({ clientId: Id, date: DateStr, body: Text(5000).min(1, '请填写进度内容') }), output: Note },
  'notes.update': { input: z.object({ id: Id, date: DateStr, body: Text(5000).min(1, '请填写进度内容') }), output: Note },
  'notes.remove': { input: z.object({ id: Id }), output: Ok },
  'clients.setExtraInfo': { input: z.object({ id: Id, items: z.array(ExtraInfoItem).max(200) }), output: Client },
  'import.preview': { input: ImportFile.extend({ mapping: ImportMapping.nullable().default(null), ...ImportOptions }), output: ImportPreview },
  'import.commit': {
    input: ImportFile.extend({ mapping: ImportMapping, force: z.array(z.number().int().min(1)).max(100000).default([]), ...ImportOptions }),
    output: ImportResult,
  },
  'import.progress': { input: z.object({ jobId: z.string().max(64) }), output: ImportProgress },
  'import.cancel': { input: z.object({ jobId: z.string().max(64) }), output: z.object({ cancelled: z.boolean() }) },
} as const;

/** Every method: name → { input, output }. */
export const contract = {
  ...registerMethods,
  ...weeklyMethods,
  ...deadlineMethods,
  ...aftercareMethods,
  ...eligibilityMethods,
  ...inspectionsMethods,
  ...backupMethods,
  ...searchMethods,
  ...attachmentMethods,
} as const;

export type Contract = typeof contract;
export type Method = keyof Contract;
export const METHODS = Object.keys(contract) as Method[];
/** Input type as the caller writes it (defaults optional). */
export type In<M extends Method> = z.input<Contract[M]['input']>;
/** Input type after parsing (defaults applied): what the service receives. */
export type Parsed<M extends Method> = z.output<Contract[M]['input']>;
export type Out<M extends Method> = z.output<Contract[M]['output']>;

/** The envelope every transport returns. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: import('./errors').ErrorPayload };

/** True if `name` is a method of the contract (guards dispatch against unknown names and prototype keys). */
export function isMethod(name: unknown): name is Method {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}
