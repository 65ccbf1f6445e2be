/**
 * Coded messages: every import reason and every coded service error is `{ code, params }`; the Chinese text below is
 * the source of truth for zh-CN (the server's `message` and the renderer's zh resources are both built from it); the
 * renderer renders the same code through i18next (`msg.<code>`, renderer/src/i18n/resources/messages.ts, English
 * complete). Templates use i18next's `{{name}}` interpolation. A param may itself be a {@link Message} (e.g. the
 * parse problem inside a "value unreadable" reason); it is rendered first, in the same language.
 */

/** A message as data: a code from {@link ZH_MESSAGES} and its parameters (strings, numbers or nested messages). */
export interface Message {
  code: MessageCode;
  params: Record<string, unknown>;
}

/** zh-CN text of every coded message. Keys are flat (no dots) so they work as i18next keys. */
export const ZH_MESSAGES = {
  // generic fallbacks by error category (used when an error carries no specific code)
  error_VALIDATION: '输入有误',
  error_NOT_FOUND: '要操作的记录不存在或已删除',
  error_CONFLICT: '与已有数据冲突',
  error_BAD_FILE: '无法读取文件',
  error_UNKNOWN_METHOD: '未知的接口',
  error_FORBIDDEN: '无权执行此操作',
  error_UNAVAILABLE: '数据暂不可用，请稍候再试',
  error_BUSY: '数据正被另一个窗口使用，请稍后重试。',
  error_DISK_FULL: '磁盘空间不足，数据未更改。请清理磁盘空间后重试。',
  error_READ_ONLY: '数据文件夹无法写入（只读或没有写入权限），数据未更改。请检查数据文件夹的权限或所在磁盘后重试。',
  error_DISK_ERROR: '读写磁盘出错，数据未更改。请检查数据文件夹所在的磁盘（U盘、移动硬盘或网络盘是否已断开）后重试。',
  error_INTERNAL: '操作失败，数据未更改。请重试；如果问题持续，请备份数据后联系技术支持。',
  // requests (db/dispatch.ts, electron/ipc.ts, renderer/src/api.ts)
  validation_failed: '输入有误：{{issues}}',
  zod_issue: '{{zh}}',
  unknown_method: '未知的接口：{{method}}',
  forbidden_origin: '拒绝来自非本应用页面的请求',
  service_no_response: '服务未响应（HTTP {{status}}），请刷新页面',
  service_unreachable: '无法连接到本地服务，请确认许可通仍在运行',
  state_restoring: '正在恢复数据，请稍候再试',
  state_recovery: '数据库文件已损坏，请先在恢复页面恢复备份',
  state_newer: '数据由更新版本的许可通创建，请升级程序后再打开',
  // the contract's own zod messages (shared/contract.ts, shared/contracts/*): found by their text (messageOfZhText)
  input_date_format: '日期格式应为 YYYY-MM-DD',
  input_date_invalid: '不是有效日期',
  input_time_format: '时间格式应为 HH:MM（如 09:30）',
  input_week_format: '周次应为 2026-W48 形式，且该年有这一周',
  input_too_long: '不能超过{{max}}个字符',
  input_year_range: '年份应在2000–2100之间',
  input_company_name_required: '请填写公司名称',
  input_uscc_required: '请填写统一社会信用代码',
  input_note_body_required: '请填写进度内容',
  input_licence_number_required: '请填写许可证编号',
  input_template_text_required: '请填写检查项内容',
  input_attendee_name_required: '请填写姓名',
  input_attendees_too_many: '参加人员最多{{max}}人',
  input_area_negative: '面积不能为负',
  input_area_too_large: '面积过大',
  input_sheet_target_required: '请指定核查（ids）或日期（date）',
  input_holiday_name_required: '请填写节日名称',
  input_holiday_source_required: '请填写来源（通知名称）',
  input_holidays_required: '请至少填写一个放假日',
  input_file_name_required: '请填写文件名',
  input_file_name_too_long: '文件名不能超过{{max}}个字符',
  input_file_too_large: '文件过大（上限约{{mb}}MB）',
  input_attachment_too_large: '文件超过 50 MB',
  input_upload_order_invalid: '上传顺序无效',
  input_job_id_invalid: '任务标识无效',
  // files
  file_empty: '文件为空',
  file_not_spreadsheet: '无法读取文件：不是Excel（.xlsx）或CSV文件',
  file_xls: '无法读取旧版Excel（.xls）文件：请在Excel中“另存为”Excel工作簿（.xlsx）或CSV后再导入',
  file_encrypted: '无法读取加密的Excel文件：请在Excel中取消密码保护（“文件→信息→保护工作簿→用密码进行加密”清空密码）后再导入',
  file_xlsb: '无法读取Excel二进制工作簿（.xlsb）：请在Excel中“另存为”Excel工作簿（.xlsx）或CSV后再导入',
  file_corrupt: '无法读取Excel文件：文件已损坏或不是有效的.xlsx文件',
  file_too_big_expanded: '无法读取Excel文件：解压后的内容超过{{limitMb}}MB上限（文件可能已损坏或是恶意文件）',
  file_no_data: '文件中没有数据',
  file_empty_sheet: '工作表“{{sheet}}”是空的：没有任何数据',
  file_headers_only: '表格中只有表头，没有客户数据',
  file_too_many_rows: '表格有超过{{max}}行数据，超出一次导入的上限：请把表格拆成每份不超过{{max}}行后分批导入',
  file_bad_encoding: '无法识别文件编码：请将文件另存为UTF-8或GBK编码的CSV，或另存为.xlsx',
  file_bad_utf8: '无法识别文件编码：文件标记为UTF-8，但内容不是有效的UTF-8',
  file_no_name_column: '找不到“公司名称”列：请确认表格前10行中有“公司名称”（或“企业名称”“客户名称”）表头',
  file_name_column_unmapped: '找不到“公司名称”列：请指定哪一列是公司名称',
  import_cancelled: '已取消导入，没有写入任何数据',
  import_job_unknown: '导入任务不存在或已结束',
  import_row_failed: '第{{sheetRow}}行：{{detail}}',
  import_row_invalid: '第{{sheetRow}}行：数据不符合要求',
  import_db_version: '数据库版本不符（{{found}}，应为 {{expected}}），请重新导入',
  // import reasons
  reason_exists: '客户台账中已有该企业：{{name}}（统一社会信用代码 {{uscc}}）',
  reason_duplicate_in_file: '与第{{row}}行统一社会信用代码相同',
  reason_duplicate_in_file_seq: '与第{{row}}行（序号{{seq}}）统一社会信用代码相同',
  reason_name_missing: '缺少公司名称',
  reason_name_too_short: '公司名称“{{name}}”太短（至少2个字符）',
  reason_name_too_long: '名称过长：公司名称有{{length}}个字符，最多100个字符（“{{start}}…”）',
  reason_bad_value: '“{{column}}”列：{{detail}}，该项将留空',
  reason_too_long: '“{{column}}”列的内容有{{length}}个字符，超过{{max}}个字符的上限，该项将留空，全文保存在其他信息中',
  reason_outside_shanxi_city: '所在城市“{{city}}”不在山西省，不属于山西省通信管理局受理范围',
  reason_outside_shanxi_uscc: '统一社会信用代码的行政区划（{{code}}）不在山西省，不属于山西省通信管理局受理范围',
  reason_city_unknown: '无法识别所在城市“{{city}}”',
  reason_city_missing: '缺少所在城市，且无法从统一社会信用代码判断',
  reason_tax_id_15: '“{{column}}”是15位的旧税号“{{value}}”，不是统一社会信用代码：请向客户索取18位统一社会信用代码',
  // USCC (shared/domain/uscc.ts)
  uscc_empty: '统一社会信用代码为空',
  uscc_length: '统一社会信用代码应为18位，“{{uscc}}”为{{length}}位',
  uscc_charset: '统一社会信用代码“{{uscc}}”含非法字符“{{char}}”（只能是数字和除 I、O、S、V、Z 以外的大写字母）',
  uscc_check: '统一社会信用代码“{{uscc}}”校验位错误：第18位应为“{{expected}}”，实际为“{{actual}}”',
  uscc_exists: '统一社会信用代码已存在：{{name}}',
  // ID numbers (shared/domain/id-number.ts)
  id_format: '身份证号应为18位（17位数字加1位校验码）',
  id_birth: '身份证号中的出生日期无效',
  id_check: '身份证号校验码不正确，请核对',
  // cell values (shared/domain/parse.ts)
  capital_unreadable: '无法识别的注册资本“{{value}}”（应为如“500万元”或“5000000”的金额）',
  capital_negative: '注册资本不能为负数：“{{value}}”',
  capital_too_large: '注册资本数额过大：“{{value}}”',
  date_unreadable: '无法识别的日期“{{value}}”（应为如“2023-05-08”或“2023年5月8日”的日期）',
  date_not_exist: '日期不存在：“{{value}}”',
  date_invalid_value: '无法识别的日期：无效的日期值',
  phone_chars: '无法识别的电话号码“{{value}}”（只能包含数字、空格、括号和“-”）',
  phone_digits: '无法识别的电话号码“{{value}}”（位数不对）',
  count_invalid: '人数应为非负整数：“{{value}}”',
  area_invalid: '面积应为非负数（平方米）：“{{value}}”',
  stage_unknown: '“{{value}}”不是已知的办理阶段',
  date_format: '日期应为 YYYY-MM-DD 格式的有效日期：“{{value}}”',
  holiday_conflict: '节假日安排冲突：{{date}} 同时被设为假日和调休工作日',
  week_unreadable: '无法识别的周编号：“{{value}}”（应为 2026-W01 形式）',
  week_not_exist: '{{year}}年没有第{{week}}周：“{{value}}”',
  // register
  client_not_found: '客户不存在或已删除',
  material_not_found: '材料项不存在',
  note_not_found: '进度记录不存在或已删除',
  extra_label_empty: '其他信息的名称不能为空',
  date_in_future: '日期 {{on}} 晚于今天（{{today}}），不能记录将来的变更',
  date_not_yet: '日期 {{on}} 晚于今天（{{today}}），这里只能填写已经发生的日期',
  material_date_before_previous: '生效日期 {{on}} 早于该材料上一次状态变更（{{previous}}）',
  material_transition: '材料状态不能从“{{from}}”直接改为“{{to}}”',
  material_status_missing: '待收集',
  material_status_received: '已收到',
  material_status_checked: '已核对',
  material_status_submitted: '已提交',
  material_status_accepted: '已通过',
  material_status_correction: '需补正',
  // attachments (db/service/attachments.ts, db/files, db/service/attachment-package.ts)
  attachment_not_found: '附件不存在',
  attachment_empty: '文件“{{fileName}}”是空的',
  attachment_too_large: '文件“{{fileName}}”超过 50 MB',
  attachment_executable: '不能附加可执行文件或脚本：“{{fileName}}”',
  attachment_move_other_client: '附件只能移到同一客户的其他材料项',
  attachment_file_id_invalid: '文件标识无效',
  attachment_file_missing: '附件文件缺失（数据文件夹中找不到），请从备份恢复或重新附加',
  attachment_file_damaged: '附件文件已损坏（内容与记录的校验值不一致），请从备份恢复或重新附加',
  attachment_unreadable: '无法读取所选文件“{{fileName}}”：{{detail}}',
  package_client_not_found: '客户不存在',
  thumb_invalid: '缩略图无效（应为不超过显示尺寸的 PNG 图片）',
  package_cancelled: '已取消生成申报材料包',
  package_not_found: '申报材料包已不存在（已保存或已过期），请重新导出',
  package_too_large: '申报材料包过大，无法在内存中生成；请分批导出（例如不合并图片，或只导出已核对的材料）',
  open_with_system_failed: '无法用系统应用打开“{{fileName}}”：{{reason}}',
  heic_preview_failed: 'HEIC 无法预览（{{detail}}），可用系统应用打开',
  heic_preview_only: '只有 HEIC 照片需要转换预览',
  // licence and annual reports (db/service/licences.ts, shared/domain/licence.ts)
  licence_number_format: '许可证编号格式应为 晋B2-YYYYNNNN 或 晋B2-YYYYNNNN-N（如 {{example}}）',
  licence_number_year: '许可证编号中的年份 {{year}} 不合理',
  licence_number_taken: '许可证编号 {{number}} 已登记在客户“{{name}}”名下，一个许可证编号只属于一个客户',
  licence_expiry_before_issue: '有效期至应晚于发证日期',
  licence_not_found: '该客户没有许可证记录',
  annual_report_not_found: '年报任务不存在',
  change_filing_not_found: '变更备案记录不存在',
  // site inspections (db/service/inspection*.ts)
  inspection_not_found: '现场核查记录不存在或已删除',
  inspection_not_found_id: '现场核查记录不存在或已删除（编号 {{id}}）',
  inspection_item_not_found: '核查清单项不存在',
  inspection_issues_missing: '请填写现场核查发现的问题',
  inspection_outcome_future: '核查日期（{{date}}）还没到，不能记录核查结果',
  template_item_not_found: '模板检查项不存在',
  template_order_incomplete: '排序列表必须恰好包含模板中的每一项',
  // holiday calendar (db/service/calendar.ts)
  holidays_invalid: '节假日安排有误：{{problems}}',
  holiday_year_range: '{{date}} 不在 {{year}} 年前后',
  holiday_duplicate: '{{date}} 重复出现（不能既放假又调休上班）',
  holiday_workday_weekday: '调休上班日 {{date}} 不是周六或周日',
  holiday_year_not_stored: '没有用户录入的 {{year}} 年节假日安排',
  // data folder, backups and restore (db/backup/*, db/open.ts)
  folder_locked_here: '数据文件夹正被另一个许可通使用（{{host}}，进程 {{pid}}，{{since}} 起）。一个数据文件夹同时只能由一个许可通打开：请先关闭它再试，或用 ICPDESK_DATA_DIR 指定另一个文件夹。如确认它已关闭，可删除数据文件夹中的 {{lockFile}}。',
  folder_locked_elsewhere: '数据文件夹正被另一个许可通使用（{{host}}，电脑 {{hostname}}，进程 {{pid}}，{{since}} 起）。一个数据文件夹同时只能由一个许可通打开：请先关闭它再试，或用 ICPDESK_DATA_DIR 指定另一个文件夹。如确认它已关闭，可删除数据文件夹中的 {{lockFile}}。',
  host_electron: '桌面程序',
  host_web: '浏览器模式',
  folder_lock_failed: '无法锁定数据文件夹 {{dir}}，请稍后重试',
  db_newer: '数据库由更新版本的许可通创建（版本 {{found}}，本程序支持 {{supported}}），请升级程序后再打开。',
  db_corrupt: '数据库文件已损坏：{{problems}}',
  db_migration_fk_failed: '数据库升级后外键检查未通过（{{count}} 处），已撤销升级',
  backup_failed: '备份失败，数据未更改：{{why}}',
  backup_name_invalid: '不是有效的备份文件名',
  backup_not_found: '备份不存在或已被删除：{{name}}',
  // The browser-mode host's own refusals (electron/web-host: sendError).
  web_request_failed: '请求处理失败',
  web_host_not_allowed: 'Host 不被允许',
  web_origin_not_allowed: 'Origin 不被允许',
  web_not_signed_in: '未通过启动地址登录',
  web_bad_token: '缺少或错误的访问令牌',
  web_post_only: '只接受 POST',
  web_bad_method: '接口名称无效',
  web_too_large: '请求过大',
  web_upload_busy: '另一个文件正在上传，请稍候再试',
  web_bad_json: '请求不是有效的 JSON',
  web_bad_print_request: '打印页面地址或文件名无效',
  web_bad_upload: '上传缺少有效的材料项或文件名',
  restore_running: '正在恢复数据，请稍候',
  restore_import_running: '客户导入正在进行，请等导入完成或取消后再恢复',
  restore_backup_running: '备份正在进行，请完成后再恢复',
  restore_export_running: '完整导出正在进行，请完成后再恢复',
  restore_data_newer: '数据由更新版本创建，请先升级程序',
  restore_failed: '恢复失败，已保留原有数据，请重试',
  restore_not_needed: '当前数据库正常，无需重新开始',
  restore_file_still_there: '数据文件仍在原处，请重新启动程序',
  restore_not_sqlite: '这不是许可通的数据库文件（不是 SQLite 数据库）',
  restore_cannot_open: '无法打开该文件',
  restore_other_program: '这不是许可通的数据库文件（属于其他程序）',
  restore_missing_tables: '这不是许可通的数据库文件（缺少客户等数据表）',
  restore_newer: '该文件由更新版本的许可通创建（版本 {{found}}，本程序支持 {{supported}}），请先升级程序再恢复',
  restore_broken_refs: '文件中的数据引用不完整（{{count}} 处），不能用于恢复',
  restore_damaged: '该文件已损坏，不能用于恢复：{{detail}}',
  // full export / JSON import (db/export/json.ts)
  export_value_unreadable: '导出文件中有无法识别的值',
  export_not_json: '不是有效的 JSON 文件',
  export_not_ours: '这不是许可通的完整导出文件（JSON）',
  export_newer: '该文件由更新版本的许可通导出（版本 {{found}}，本程序支持 {{supported}}），请先升级程序',
  export_target_not_empty: '只能导入到空数据库：当前数据库已有数据。请在新的数据文件夹中启动许可通后再导入。',
  export_target_has_clients: '只能导入到空数据库：当前数据库已有数据（{{count}} 个客户）。请在新的数据文件夹中启动许可通后再导入。',
  export_unknown_table: '导出文件中的数据表“{{table}}”在本版本中不存在',
  export_unknown_columns: '导出文件中数据表“{{table}}”的列在本版本中不存在：{{columns}}',
  export_row_width: '导出文件中数据表“{{table}}”的行与列数不符',
  export_file_hash: '导出文件中有附件内容与校验值不符，未导入任何数据',
  export_broken_refs: '导出文件中的数据引用不完整（{{count}} 处），未导入任何数据',
} as const;

export type MessageCode = keyof typeof ZH_MESSAGES;

/** True for a {@link Message}-shaped value. */
export function isMessage(v: unknown): v is Message {
  return typeof v === 'object' && v !== null && typeof (v as Message).code === 'string' && typeof (v as Message).params === 'object';
}

/**
 * Fills a `{{name}}` template with params, rendering nested messages with `render` first.
 * @param template i18next-style template
 * @param params values; a {@link Message} value is rendered by `render`; an array is rendered item by item and
 *   joined with `sep` (a list of problems inside one message)
 * @param sep list separator: '；' in Chinese (the default), '; ' in English
 */
export function interpolate(template: string, params: Record<string, unknown>, render: (m: Message) => string, sep = '；'): string {
  const one = (v: unknown): string => (v === undefined || v === null ? '' : isMessage(v) ? render(v) : String(v));
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, k: string) => {
    const v = params[k];
    return Array.isArray(v) ? v.map(one).join(sep) : one(v);
  });
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
let byText: Array<{ code: MessageCode; re: RegExp; names: string[] }> | null = null;

/**
 * The coded message whose zh-CN text is `text` (exactly, or a template filled with plain values: '不能超过100个字符' →
 * `input_too_long { max: '100' }`), else null. Lets Chinese messages written where a code cannot travel (zod
 * schemas in the contract) reach the UI coded. Templates made only of placeholders never match.
 */
export function messageOfZhText(text: string): Message | null {
  byText ??= (Object.entries(ZH_MESSAGES) as Array<[MessageCode, string]>)
    .filter(([, t]) => t.replace(/\{\{\s*\w+\s*\}\}/g, '').trim().length > 0)
    .map(([code, t]) => {
      const names: string[] = [];
      const re = new RegExp(`^${t.split(/\{\{\s*(\w+)\s*\}\}/).map((part, i) => (i % 2 ? (names.push(part), '(.+?)') : escapeRe(part))).join('')}$`);
      return { code, re, names };
    })
    // exact texts first, then the templates with the most fixed text
    .sort((a, b) => a.names.length - b.names.length || b.re.source.length - a.re.source.length);
  for (const { code, re, names } of byText) {
    const m = re.exec(text);
    if (m) return { code, params: Object.fromEntries(names.map((n, i) => [n, m[i + 1]])) };
  }
  return null;
}

/** The zh-CN text of a coded message (nested messages included). Unknown codes give the code itself. */
export function zhText(m: Message): string {
  const template = (ZH_MESSAGES as Record<string, string>)[m.code];
  return template === undefined ? m.code : interpolate(template, m.params, zhText);
}

/** Shorthand: a message value. */
export function msg(code: MessageCode, params: Record<string, unknown> = {}): Message {
  return { code, params };
}
