import { STAGES } from '../../../../shared/domain/stages';
import { MATERIAL_GROUPS, MATERIAL_STATUS_ZH } from '../../../../shared/domain/materials';
import { INDUSTRIES, INDUSTRY_EN } from '../../../../shared/domain/industries';

/** Domain terms come from their one source in shared/domain (keyed by code), in each language. */
const stage = (lang: 'zh' | 'en') => Object.fromEntries(STAGES.map((x) => [x.key, x[lang]]));
const group = (lang: 'zh' | 'en') => Object.fromEntries(MATERIAL_GROUPS.map((g) => [g.key, `${g.key} ${g[lang]}`]));
const industry = (lang: 'zh' | 'en') => Object.fromEntries(INDUSTRIES.map((i) => [i, lang === 'zh' ? i : INDUSTRY_EN[i]]));

export default {
  zh: {
    appName: '许可通 ICP Desk',
    nav: { clients: '客户台账', import: '导入台账', newClient: '新建客户' },
    lang: { switchTo: 'English', label: '语言' },
    actions: { save: '保存', cancel: '取消', delete: '删除', edit: '编辑', close: '关闭', confirm: '确定', back: '返回', retry: '重试' },
    stage: stage('zh'),
    status: { ...MATERIAL_STATUS_ZH },
    checks: { complete: '全', accurate: '准', legible: '清', completeHint: '全：齐全无缺漏', accurateHint: '准：与原件一致（如执照经营范围与申请表一致）', legibleHint: '清：复印件清晰可辨' },
    group: group('zh'),
    industry: industry('zh'),
    colon: '：',
    all: '全部',
    none: '无',
    loading: '加载中…',
    error: '出错了',
    saved: '已保存',
    required: '必填',
    print: {
      print: '打印', pdf: '导出 PDF', printed: '打印日期', unknown: '没有这个打印页面。',
      failed: { busy: '另一个打印任务正在进行，请等它完成后再试。', timeout: '打印页面准备超时，请重试。', crashed: '打印页面意外退出，请重试。', noPdf: '本机未找到可生成 PDF 的 Chromium、Chrome 或 Edge，已改为打开打印对话框：请在“目标打印机”中选择“另存为 PDF”。' },
      savedTo: '已保存到 {{path}}',
      making: '正在生成 PDF…',
      downloaded: '已下载 {{name}}（在浏览器的下载文件夹中）',
    },
  },
  en: {
    appName: 'ICP Desk',
    nav: { clients: 'Client register', import: 'Import register', newClient: 'New client' },
    lang: { switchTo: '中文', label: 'Language' },
    actions: { save: 'Save', cancel: 'Cancel', delete: 'Delete', edit: 'Edit', close: 'Close', confirm: 'OK', back: 'Back', retry: 'Retry' },
    stage: stage('en'),
    status: { missing: 'Missing', received: 'Received', checked: 'Checked', submitted: 'Submitted', accepted: 'Accepted', correction: 'Correction requested' },
    checks: { complete: 'C', accurate: 'A', legible: 'L', completeHint: 'Complete: nothing missing', accurateHint: 'Accurate: matches the original', legibleHint: 'Legible: copies are clear' },
    group: group('en'),
    industry: industry('en'),
    colon: ': ',
    all: 'All',
    none: 'None',
    loading: 'Loading…',
    error: 'Error',
    saved: 'Saved',
    required: 'Required',
    print: {
      print: 'Print', pdf: 'Export PDF', printed: 'Printed on', unknown: 'There is no such print page.',
      failed: { busy: 'Another print job is still running; try again when it has finished.', timeout: 'The print page took too long to prepare; please try again.', crashed: 'The print page stopped unexpectedly; please try again.', noPdf: 'No Chromium, Chrome or Edge was found on this computer to make the PDF, so the print dialog opened instead: choose “Save as PDF” as the printer.' },
      savedTo: 'Saved to {{path}}',
      making: 'Making the PDF…',
      downloaded: 'Downloaded {{name}} (in the browser’s downloads folder)',
    },
  },
};
