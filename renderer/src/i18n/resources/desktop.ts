/** Desktop conventions: reminders (notifications), shortcuts shown in tooltips, the reminder setting. */
export default {
  zh: {
    reminders: {
      overdue_title_other: '{{count}} 项期限已逾期',
      inspections_title_other: '今明两天有 {{count}} 场现场核查',
      renewals_title_other: '{{count}} 张许可证需办理续期',
      overdueLine: '{{client}}：{{rule}} {{due}} 到期，已逾期 {{days}} 天',
      inspectionLine_today: '今天 {{time}} {{client}}：准备 {{percent}}%',
      inspectionLine_tomorrow: '明天 {{time}} {{client}}：准备 {{percent}}%',
      renewalLine: '{{client}}（{{licence}}）{{expires}} 到期，剩 {{days}} 天',
      more: '……共 {{count}} 项，打开首页查看',
      setting: '桌面提醒（每天早上提醒逾期期限、今明两天的现场核查和待续期许可证；周末和节假日只提醒逾期）',
      enable: '开启桌面提醒',
      blocked: '浏览器未允许通知：请在地址栏的网站设置中允许通知。',
    },
    shortcuts: {
      search: '搜索（Ctrl+F）',
      newClient: '新建客户（Ctrl+N）',
      print: '打印（Ctrl+P）',
      save: '保存（Ctrl+S）',
    },
  },
  en: {
    reminders: {
      overdue_title_one: '{{count}} deadline overdue',
      overdue_title_other: '{{count}} deadlines overdue',
      inspections_title_one: '{{count}} site inspection today or tomorrow',
      inspections_title_other: '{{count}} site inspections today or tomorrow',
      renewals_title_one: '{{count}} licence needs renewal',
      renewals_title_other: '{{count}} licences need renewal',
      overdueLine: '{{client}}: {{rule}} due {{due}}, {{days}} days overdue',
      inspectionLine_today: 'Today {{time}} {{client}}: {{percent}}% ready',
      inspectionLine_tomorrow: 'Tomorrow {{time}} {{client}}: {{percent}}% ready',
      renewalLine: '{{client}} ({{licence}}) expires {{expires}}, {{days}} days left',
      more: '… {{count}} in all, open the home page',
      setting: 'Desktop reminders (each morning: overdue deadlines, site inspections today and tomorrow, licences to renew; on weekends and holidays only overdue ones)',
      enable: 'Turn on desktop reminders',
      blocked: 'The browser does not allow notifications: allow them in the site settings next to the address bar.',
    },
    shortcuts: {
      search: 'Search (Ctrl+F)',
      newClient: 'New client (Ctrl+N)',
      print: 'Print (Ctrl+P)',
      save: 'Save (Ctrl+S)',
    },
  },
};
