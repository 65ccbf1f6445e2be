/**
 * The contract's method names without the schemas (the sandboxed preload bundles this instead of zod).
 * A unit test asserts it equals `Object.keys(contract)`.
 */
export const METHOD_NAMES = [
  'app.info', 'clients.list', 'clients.facets', 'clients.get', 'clients.create', 'clients.update', 'clients.remove',
  'clients.setStage', 'clients.timeline', 'materials.list', 'materials.setStatus', 'materials.setChecks',
  'materials.update', 'notes.list', 'notes.create', 'notes.update', 'notes.remove', 'import.preview', 'import.commit',
  'notes.search',
] as const;
