/**
 * The single IPC dispatch point: one channel, `api`, carrying `(method, input)`. The sender frame must be the app's
 * own page (app://icpdesk); then the shared dispatcher validates the method and the input against the contract.
 */
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import type { Envelope } from '../shared/contract';
import type { ServiceContext } from '../db/service/context';
import { dispatch } from '../db/dispatch';
import { isAppUrl } from './security';
import { payload } from '../shared/errors';
import { msg } from '../shared/messages';

export const API_CHANNEL = 'api';

/** Handles one invoke: refuses foreign senders with FORBIDDEN, else dispatches. Exported for tests. */
export async function handleInvoke(ctx: ServiceContext, event: Pick<IpcMainInvokeEvent, 'senderFrame'>, method: unknown, input: unknown): Promise<Envelope<unknown>> {
  const url = event.senderFrame?.url ?? '';
  if (!isAppUrl(url)) return { ok: false, error: payload('FORBIDDEN', msg('forbidden_origin')) };
  return dispatch(ctx, method, input);
}

/** Registers the handler on `ipcMain`. */
export function registerIpc(ipcMain: Pick<IpcMain, 'handle'>, ctx: ServiceContext): void {
  ipcMain.handle(API_CHANNEL, (event, method, input) => handleInvoke(ctx, event, method, input));
}
