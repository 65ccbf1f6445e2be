/**
 * The service: one handler per contract method, `(ctx, parsedInput) => output | Promise<output>`. This is the only
 * code that writes to the database. Transports (electron/ipc.ts, electron/web-host.ts) call it through `dispatch`.
 */
import type { Method, Out, Parsed } from '../../shared/contract';
import { chinaToday } from '../../shared/domain/weeks';
import { SCHEMA_VERSION } from '../migrations/index';
import type { ServiceContext } from './context';
import { clientTimeline, createClient, getClient, removeClient, setStage, updateClient, setExtraInfo } from './clients';
import { clientFacets, listClients } from './client-list';
import { listMaterials, setMaterialChecks, setMaterialStatus, updateMaterial } from './materials';
import { createNote, listNotes, removeNote, updateNote } from './notes';
import { commitImport, importCancel, importProgress, previewImport } from './import';
import { clientWeek, exportClientWeekXlsx, exportWeeklyXlsx, setNextSteps, weeklyRollup } from './weekly';
import { listCalendarYears, removeCalendarYear, setCalendarYear } from './calendar';
import { getRuleSettings, setRuleSettings } from './settings';
import { getProcess, setProcess } from './process';
import { clientDeadlines } from './deadlines';
import { getDashboard } from './dashboard';
import {
  createChange, getLicence, listAnnualReports, listChanges, removeChange, removeLicence, setAnnualReportFiled, setChangeFiled, setLicence,
} from './licences';
import { getEligibility, setEligibilityFacts } from './eligibility';
import { createInspection, listInspections, removeInspection, setInspectionItem, updateInspection, upcomingInspections } from './inspections';
import { setInspectionOutcome } from './inspection-outcome';
import { inspectionSheets } from './inspection-sheets';
import { createTemplateItem, listTemplate, setTemplateOrder, setTemplateRetired, updateTemplateItem } from './inspection-template';
import { backupHandlers } from './backup';
import { searchNotes } from './note-search';
import { addAttachment, getAttachment, listAttachments, moveAttachment, previewAttachment, removeAttachment, renameAttachment, setThumbnail, thumbnailOf, thumbnailsOf } from './attachments';
import { attachmentPackageProgress, cancelAttachmentPackage, exportAttachmentPackage } from './attachment-package';

export type Handler<M extends Method> = (ctx: ServiceContext, input: Parsed<M>) => Out<M> | Promise<Out<M>>;
export type Handlers = { [M in Method]: Handler<M> };

export const handlers: Handlers = {
  'attachments.list': listAttachments,
  'attachments.add': addAttachment,
  'attachments.rename': renameAttachment,
  'attachments.move': moveAttachment,
  'attachments.remove': removeAttachment,
  'attachments.get': getAttachment,
  'attachments.preview': previewAttachment,
  'attachments.package': exportAttachmentPackage,
  'attachments.packageProgress': attachmentPackageProgress,
  'attachments.packageCancel': cancelAttachmentPackage,
  'attachments.thumbnail': thumbnailOf,
  'attachments.thumbnails': thumbnailsOf,
  'attachments.setThumbnail': setThumbnail,
  'app.info': (ctx) => ({ version: ctx.version, dataDir: ctx.dataDir, dbPath: ctx.dbPath, schemaVersion: SCHEMA_VERSION, today: chinaToday(ctx.now()), state: ctx.health?.state ?? 'ok' }),
  'clients.list': listClients,
  'clients.facets': (ctx) => clientFacets(ctx),
  'clients.get': (ctx, i) => getClient(ctx, i.id),
  'clients.create': createClient,
  'clients.update': updateClient,
  'clients.remove': removeClient,
  'clients.setExtraInfo': setExtraInfo,
  'clients.setStage': setStage,
  'clients.timeline': clientTimeline,
  'materials.list': listMaterials,
  'materials.setStatus': setMaterialStatus,
  'materials.setChecks': setMaterialChecks,
  'materials.update': updateMaterial,
  'notes.list': listNotes,
  'notes.create': createNote,
  'notes.update': updateNote,
  'notes.remove': removeNote,
  'import.preview': previewImport,
  'import.commit': commitImport,
  'import.progress': importProgress,
  'import.cancel': importCancel,
  'weekly.client': clientWeek,
  'weekly.rollup': weeklyRollup,
  'weekly.setNextSteps': setNextSteps,
  'weekly.exportXlsx': exportWeeklyXlsx,
  'weekly.exportClientXlsx': exportClientWeekXlsx,
  'calendar.years': (ctx) => listCalendarYears(ctx),
  'calendar.setYear': setCalendarYear,
  'calendar.removeYear': removeCalendarYear,
  'settings.get': (ctx) => getRuleSettings(ctx),
  'settings.set': setRuleSettings,
  'process.get': getProcess,
  'process.set': setProcess,
  'deadlines.client': clientDeadlines,
  'dashboard.get': getDashboard,
  'licence.get': getLicence,
  'licence.set': setLicence,
  'licence.remove': removeLicence,
  'annualReports.list': listAnnualReports,
  'annualReports.setFiled': setAnnualReportFiled,
  'changes.list': listChanges,
  'changes.create': createChange,
  'changes.setFiled': setChangeFiled,
  'changes.remove': removeChange,
  'eligibility.get': getEligibility,
  'eligibility.setFacts': setEligibilityFacts,
  'inspections.list': listInspections,
  'inspections.create': createInspection,
  'inspections.update': updateInspection,
  'inspections.remove': removeInspection,
  'inspections.setItem': setInspectionItem,
  'inspections.setOutcome': setInspectionOutcome,
  'inspections.upcoming': upcomingInspections,
  'inspections.sheets': inspectionSheets,
  'inspectionTemplate.list': (ctx) => listTemplate(ctx),
  'inspectionTemplate.create': createTemplateItem,
  'inspectionTemplate.update': updateTemplateItem,
  'inspectionTemplate.setRetired': setTemplateRetired,
  'inspectionTemplate.setOrder': setTemplateOrder,
  ...backupHandlers,
  'notes.search': searchNotes,
};
