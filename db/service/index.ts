/**
 * The service: one handler per contract method, `(ctx, parsedInput) => output | Promise<output>`. This is the only
 * code that writes to the database. Transports (electron/ipc.ts, electron/web-host.ts) call it through `dispatch`.
 */
import type { Method, Out, Parsed } from '../../shared/contract';
import { chinaToday } from '../../shared/domain/weeks';
import { SCHEMA_VERSION } from '../migrations/index';
import type { ServiceContext } from './context';
import { clientTimeline, createClient, getClient, removeClient, setStage, updateClient } from './clients';
import { clientFacets, listClients } from './client-list';
import { listMaterials, setMaterialChecks, setMaterialStatus, updateMaterial } from './materials';
import { createNote, listNotes, removeNote, updateNote } from './notes';
import { commitImport, previewImport } from './import';
import { searchNotes } from './note-search';

export type Handler<M extends Method> = (ctx: ServiceContext, input: Parsed<M>) => Out<M> | Promise<Out<M>>;
export type Handlers = { [M in Method]: Handler<M> };

export const handlers: Handlers = {
  'app.info': (ctx) => ({ version: ctx.version, dataDir: ctx.dataDir, dbPath: ctx.dbPath, schemaVersion: SCHEMA_VERSION, today: chinaToday(ctx.now()) }),
  'clients.list': listClients,
  'clients.facets': (ctx) => clientFacets(ctx),
  'clients.get': (ctx, i) => getClient(ctx, i.id),
  'clients.create': createClient,
  'clients.update': updateClient,
  'clients.remove': removeClient,
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
  'notes.search': searchNotes,
};
