/** Weekly summary page (周报): the app's chrome around the summaries. The documents themselves are always Chinese
 *  (shared/reports/weekly-labels.ts). */
export default {
  zh: {
    nav: '周报',
    title: '每周进度汇总',
    clientTitle: '客户周报',
    week: {
      label: '周次', prev: '上一周', next: '下一周', default: '默认周', pick: '选择周次', calendar: '在日历中选择周次', typeHint: '如 2026年第48周 或 2026-W48',
      defaultHint: '周一默认上一完整周，其余日子默认本周（按中国时间）',
      defaultHintClient: '客户周报默认本周（按中国时间）',
      rel: {
        this: '本周', last: '上周', next: '下周', ago: '{{count}}周前', ahead: '{{count}}周后', why: '{{rel}}（{{why}}）',
        monday: '本周一默认', default: '默认', client: '客户周报默认本周',
      },
    },
    rollup: {
      count: '在办客户 {{shown}} 家（共 {{active}} 家），本周无记录 {{noNote}} 家',
      empty: '本周没有在办客户。',
      emptyHint: '周报按当周的记录生成：只含当周结束前已建档、未归档，且当周内任一时刻处于办理中（未进入“后续管理”）的客户。',
      headlineNone: '本周无记录',
      noMatch: '没有符合筛选条件的客户。',
      clearFilters: '清除筛选',
      sortDefault: '按逾期、需补正从多到少排列，再按城市、客户',
      sortReset: '恢复默认排序（逾期、需补正优先）',
      nothingToExport: '没有可导出的客户：当前周次和筛选下没有客户',
      noNote: '无记录',
      notes: '{{n}} 条',
      col: { name: '客户', city: '城市', consultant: '顾问', stage: '阶段', progress: '材料进度', headline: '本周要点', nextDeadline: '下一截止', noNote: '本周记录', corrections: '需补正', overdue: '逾期' },
      overdueDays: '已逾期{{count}}天',
      open: '查看客户周报',
    },
    actions: {
      preview: '预览', pdf: '导出 PDF', print: '打印', xlsx: '导出 Excel', clientXlsx: '导出本客户 Excel', copy: '复制微信文本', back: '返回汇总', openClient: '客户页面',
      prevClient: '上一家', nextClient: '下一家', exporting: '正在生成…',
    },
    nextSteps: {
      label: '下一步计划', hint: '可在导出前修改；按周保存，不影响其他周。', save: '保存', reset: '恢复系统建议', saved: '已保存',
      suggested: '当前为系统建议（尚未保存）', unsaved: '有未保存的修改：导出前请先保存。',
    },
    chat: {
      title: '微信文本', hint: '纯文本，可直接粘贴到微信。', copied: '已复制到剪贴板', copyFailed: '无法访问剪贴板：已选中文本，请按 Ctrl+C 复制。',
    },
    tabs: { preview: '周报预览', chat: '微信文本' },
    previewTitle: '汇总预览',
    noClient: '客户不存在或已删除。',
  },
  en: {
    nav: 'Weekly',
    title: 'Weekly progress roll-up',
    clientTitle: 'Client weekly summary',
    week: {
      label: 'Week', prev: 'Previous week', next: 'Next week', default: 'Default week', pick: 'Pick a week', calendar: 'Pick a week on the calendar', typeHint: 'e.g. 2026-W48 or 2026年第48周',
      defaultHint: 'On a Monday the last complete week, otherwise the current week (China time)',
      defaultHintClient: "A client's summary opens on the current week (China time)",
      rel: {
        this: 'This week', last: 'Last week', next: 'Next week', ago_one: '{{count}} week ago', ago_other: '{{count}} weeks ago',
        ahead_one: 'in {{count}} week', ahead_other: 'in {{count}} weeks', why: '{{rel}} ({{why}})',
        monday: 'default on a Monday', default: 'default', client: "default for a client's summary",
      },
    },
    rollup: {
      count: '{{shown}} active clients shown (of {{active}}); {{noNote}} without a note this week',
      empty: 'No active clients this week.',
      emptyHint: 'A week shows what was recorded for it: clients created by the end of that week, not archived, and in progress (not in after-care) at some moment of that week.',
      headlineNone: 'Nothing recorded this week',
      noMatch: 'No client matches the filters.',
      clearFilters: 'Clear filters',
      sortDefault: 'Most overdue, then most to-correct first; then by city and client',
      sortReset: 'Default order (overdue and to-correct first)',
      nothingToExport: 'Nothing to export: no client for this week and these filters',
      noNote: 'No note',
      notes: '{{n}}',
      col: { name: 'Client', city: 'City', consultant: 'Consultant', stage: 'Stage', progress: 'Materials', headline: 'This week', nextDeadline: 'Next deadline', noNote: 'Notes', corrections: 'To correct', overdue: 'Overdue' },
      overdueDays_one: '{{count}} day overdue', overdueDays_other: '{{count}} days overdue',
      open: 'Open the client summary',
    },
    actions: {
      preview: 'Preview', pdf: 'Export PDF', print: 'Print', xlsx: 'Export Excel', clientXlsx: 'Export this client (Excel)', copy: 'Copy chat text', back: 'Back to the roll-up', openClient: 'Client page',
      prevClient: 'Previous client', nextClient: 'Next client', exporting: 'Generating…',
    },
    nextSteps: {
      label: 'Next steps', hint: 'Edit before exporting; saved per week, other weeks are not affected.', save: 'Save', reset: 'Back to the suggestion', saved: 'Saved',
      suggested: 'This is the suggestion (not saved yet)', unsaved: 'Unsaved changes: save before exporting.',
    },
    chat: {
      title: 'Chat text', hint: 'Plain text, ready to paste into WeChat.', copied: 'Copied to the clipboard', copyFailed: 'No clipboard access: the text is selected, press Ctrl+C.',
    },
    tabs: { preview: 'Summary preview', chat: 'Chat text' },
    previewTitle: 'Roll-up preview',
    noClient: 'This client does not exist or was deleted.',
  },
};
