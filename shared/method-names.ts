/**
 * The contract's method names without the schemas (the sandboxed preload bundles this instead of zod).
 * A unit test asserts it equals `Object.keys(contract)`.
 */
export const METHOD_NAMES = [
  'app.info', 'clients.list', 'clients.facets', 'clients.get', 'clients.create', 'clients.update', 'clients.remove',
  'clients.setStage', 'clients.timeline', 'materials.list', 'materials.setStatus', 'materials.setChecks',
  'materials.update', 'notes.list', 'notes.create', 'notes.update', 'notes.remove', 'import.preview', 'import.commit',
  'clients.setExtraInfo', 'import.progress', 'import.cancel',
  'weekly.client', 'weekly.rollup', 'weekly.setNextSteps', 'weekly.exportXlsx', 'weekly.exportClientXlsx',
  // deadlines, dashboard, settings (shared/contracts/deadlines.ts)
  'calendar.years', 'calendar.setYear', 'calendar.removeYear', 'settings.get', 'settings.set', 'process.get', 'process.set',
  'deadlines.client', 'dashboard.get',
  // after-care (shared/contracts/aftercare.ts)
  'licence.get', 'licence.set', 'licence.remove', 'annualReports.list', 'annualReports.setFiled', 'changes.list',
  'changes.create', 'changes.setFiled', 'changes.remove',
  // eligibility (shared/contracts/eligibility.ts)
  'eligibility.get', 'eligibility.setFacts',
  // site inspection (shared/contracts/inspections.ts)
  'inspections.list', 'inspections.create', 'inspections.update', 'inspections.remove', 'inspections.setItem',
  'inspections.setOutcome', 'inspections.upcoming', 'inspections.sheets', 'inspectionTemplate.list',
  'inspectionTemplate.create', 'inspectionTemplate.update', 'inspectionTemplate.setRetired', 'inspectionTemplate.setOrder',
  'backup.status', 'backup.list', 'backup.create', 'backup.preview', 'backup.previewFile', 'backup.restore', 'backup.restoreFile',
  'backup.startEmpty', 'data.exportXlsx', 'data.exportJson', 'data.importJson', 'data.compactInfo', 'data.compact',
  'notes.search',
  // attachments (shared/contracts/attachments.ts)
  'attachments.list', 'attachments.add', 'attachments.rename', 'attachments.move', 'attachments.remove', 'attachments.get', 'attachments.preview', 'attachments.package',
  'attachments.packageProgress', 'attachments.packageCancel', 'attachments.thumbnail', 'attachments.thumbnails', 'attachments.setThumbnail',
] as const;
