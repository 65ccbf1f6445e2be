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
  error_INTERNAL: '操作失败，数据未更改。请重试；如果问题持续，请备份数据后联系技术支持。',
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
  // import reasons
  reason_exists: '客户台账中已有该企业：{{name}}（统一社会信用代码 {{uscc}}）',
  reason_duplicate_in_file: '与第{{row}}行统一社会信用代码相同',
  reason_duplicate_in_file_seq: '与第{{row}}行（序号{{seq}}）统一社会信用代码相同',
  reason_name_missing: '缺少公司名称',
  reason_name_too_short: '公司名称“{{name}}”太短（至少2个字符）',
  reason_name_too_long: '名称过长：公司名称有{{length}}个字符，最多100个字符（“{{start}}…”）',
  reason_bad_value: '“{{column}}”列：{{detail}}，该项将留空',
  reason_too_long: '“{{column}}”列的内容有{{length}}个字符，超过{{max}}个字符的上限，该项将留空',
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
} as const;

export type MessageCode = keyof typeof ZH_MESSAGES;

/** True for a {@link Message}-shaped value. */
export function isMessage(v: unknown): v is Message {
  return typeof v === 'object' && v !== null && typeof (v as Message).code === 'string' && typeof (v as Message).params === 'object';
}

/**
 * Fills a `{{name}}` template with params, rendering nested messages with `render` first.
 * @param template i18next-style template
 * @param params values; a {@link Message} value is rendered by `render`
 */
export function interpolate(template: string, params: Record<string, unknown>, render: (m: Message) => string): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, k: string) => {
    const v = params[k];
    if (v === undefined || v === null) return '';
    return isMessage(v) ? render(v) : String(v);
  });
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
