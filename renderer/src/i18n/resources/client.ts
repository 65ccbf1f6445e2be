export default {
  zh: {
    back: '返回客户台账',
    notFound: '客户不存在或已被删除。',
    tabs: { materials: '材料清单', notes: '进度记录', timeline: '动态', info: '公司信息' },
    info: {
      uscc: '统一社会信用代码', city: '城市', district: '区县', address: '地址', industry: '行业', platformName: '平台名称', domain: '网站域名',
      legalRep: '法定代表人', contact: '联系人', phone: '联系电话', capital: '注册资本', founded: '成立日期', area: '办公面积', staff: '社保人数',
      consultant: '负责顾问', scope: '经营范围', remark: '备注', yuan: '{{v}} 元', m2: '{{v}} ㎡', people: '{{v}} 人',
    },
    stage: { label: '办理阶段', since: '自 {{date}}', move: '变更阶段', moveTitle: '变更办理阶段', date: '变更日期', to: '新阶段' },
    materials: {
      progress: '已核对 {{done}}/{{total}}', status: '状态', checks: '全/准/清', note: '备注', due: '截止日期', allChecks: '全准清',
      notePlaceholder: '备注…', statusChanged: '已更新状态', changed: '“{{title}}”已改为“{{status}}”', undo: '撤销',
    },
    notes: {
      add: '添加进度', date: '日期', body: '本周进度', placeholder: '例如：材料已初审通过；需补充场地消防证明', empty: '还没有进度记录。',
      deleteTitle: '删除进度记录？', deleteBody: '将删除 {{date}} 的记录：“{{body}}”。此操作会记录在动态中。',
    },
    timeline: {
      empty: '暂无动态。',
      client_create: '创建客户', client_import: '从台账导入', client_update: '修改{{field}}：{{old}} → {{new}}',
      stage: '阶段：{{old}} → {{new}}', stageInit: '阶段：{{new}}',
      material_status: '{{title}}：{{old}} → {{new}}', material_checks: '{{title}} 核对：{{old}} → {{new}}',
      material_note: '{{title}} 备注：{{new}}', material_due: '{{title}} 截止日期：{{old}} → {{new}}',
      note_create: '添加进度：{{new}}', note_update: '修改进度：{{new}}', note_remove: '删除进度：{{old}}',
    },
    editTitle: '编辑客户',
    deleteClient: '删除客户',
    deleteTitle: '删除客户“{{name}}”？',
    deleteBody: '将永久删除该客户及其 {{materials}} 项材料、{{notes}} 条进度记录和全部动态（含联系人、电话等个人信息）。此操作无法撤销。',
  },
  en: {
    back: 'Back to the register',
    notFound: 'This client does not exist or was deleted.',
    tabs: { materials: 'Materials checklist', notes: 'Progress notes', timeline: 'Activity', info: 'Company' },
    info: {
      uscc: 'USCC', city: 'City', district: 'District', address: 'Address', industry: 'Industry', platformName: 'Platform', domain: 'Domain',
      legalRep: 'Legal representative', contact: 'Contact', phone: 'Phone', capital: 'Registered capital', founded: 'Founded', area: 'Office area', staff: 'Insured staff',
      consultant: 'Consultant', scope: 'Business scope', remark: 'Remark', yuan: '{{v}} yuan', m2: '{{v}} m²', people: '{{v}}',
    },
    stage: { label: 'Stage', since: 'since {{date}}', move: 'Change stage', moveTitle: 'Change the application stage', date: 'Date of change', to: 'New stage' },
    materials: {
      progress: 'Checked {{done}}/{{total}}', status: 'Status', checks: 'C/A/L', note: 'Note', due: 'Due date', allChecks: 'All checks',
      notePlaceholder: 'Note…', statusChanged: 'Status updated', changed: '“{{title}}” is now “{{status}}”', undo: 'Undo',
    },
    notes: {
      add: 'Add note', date: 'Date', body: 'Progress this week', placeholder: 'e.g. materials passed initial review; fire-safety filing still needed', empty: 'No progress notes yet.',
      deleteTitle: 'Delete this note?', deleteBody: 'The note of {{date}} will be deleted: “{{body}}”. The deletion is recorded in the activity.',
    },
    timeline: {
      empty: 'No activity yet.',
      client_create: 'Client created', client_import: 'Imported from the register', client_update: '{{field}}: {{old}} → {{new}}',
      stage: 'Stage: {{old}} → {{new}}', stageInit: 'Stage: {{new}}',
      material_status: '{{title}}: {{old}} → {{new}}', material_checks: '{{title}} checks: {{old}} → {{new}}',
      material_note: '{{title}} note: {{new}}', material_due: '{{title}} due: {{old}} → {{new}}',
      note_create: 'Note added: {{new}}', note_update: 'Note edited: {{new}}', note_remove: 'Note deleted: {{old}}',
    },
    editTitle: 'Edit client',
    deleteClient: 'Delete client',
    deleteTitle: 'Delete “{{name}}”?',
    deleteBody: 'This permanently deletes the client with its {{materials}} materials, {{notes}} notes and all activity (including contacts and phone numbers). This cannot be undone.',
  },
};
