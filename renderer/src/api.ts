/**
 * The renderer's typed API client. Picks the transport once: the Electron preload (`window.icpdesk.api`) when
 * present, else the browser-mode HTTP bridge (`POST /api/<method>` with the per-run token from the page's meta tag).
 * Every call resolves to the method's output or throws {@link ApiError} carrying the server's code, its message in the
 * UI's language (coded messages through i18next) and field issues.
 */
import type { Envelope, In, Method, Out } from '../../shared/contract';
import { payload, type ErrorPayload, type FieldIssue } from '../../shared/errors';
import { msg } from '../../shared/messages';
import { errorText, messageText } from './i18n/message';

export class ApiError extends Error {
  readonly code: ErrorPayload['code'];
  readonly fields: FieldIssue[];
  readonly details: ErrorPayload['details'];
  /** The coded message (shared/messages.ts) when the server sent one. */
  readonly key?: string;
  readonly params?: Record<string, unknown>;
  /** `message` is in the UI's language (the coded message through i18next); this is the server's zh-CN text. */
  readonly serverMessage: string;
  constructor(p: ErrorPayload) {
    super(errorText(p));
    this.code = p.code;
    this.details = p.details;
    this.key = p.key;
    this.params = p.params;
    this.serverMessage = p.message;
    this.fields = (p.details?.fields ?? []).map((f) => (f.key ? { ...f, message: messageText({ code: f.key, params: f.params }, f.message) } : f));
  }
}

type Transport = (method: Method, input: unknown) => Promise<Envelope<unknown>>;

declare global {
  interface Window {
    icpdesk?: { api: Record<string, (input?: unknown) => Promise<Envelope<unknown>>>; host: 'electron' };
  }
}

function pickTransport(): Transport {
  if (typeof window !== 'undefined' && window.icpdesk?.api) {
    const bridge = window.icpdesk.api;
    return (m, input) => bridge[m](input);
  }
  const token = document.querySelector('meta[name="icpdesk-token"]')?.getAttribute('content') ?? '';
  return async (m, input) => {
    const res = await fetch(`api/${m}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-ICPDesk-Token': token },
      body: JSON.stringify(input ?? {}),
    });
    if (res.status !== 200) return { ok: false, error: payload('FORBIDDEN', msg('service_no_response', { status: res.status })) };
    return (await res.json()) as Envelope<unknown>;
  };
}

let transport: Transport | null = null;

/** Calls `method` with `input`; resolves to its output or throws ApiError. */
export async function call<M extends Method>(method: M, input: In<M>): Promise<Out<M>> {
  transport ??= pickTransport();
  let env: Envelope<unknown>;
  try {
    env = await transport(method, input);
  } catch {
    throw new ApiError(payload('INTERNAL', msg('service_unreachable')));
  }
  if (!env.ok) throw new ApiError(env.error);
  return env.value as Out<M>;
}

/** Test seam: replace the transport (renderer tests). */
export function setTransport(t: Transport | null): void {
  transport = t;
}

/** 'electron' or 'browser': which host the page runs in (for host-specific features like printing). */
export function hostKind(): 'electron' | 'browser' {
  return typeof window !== 'undefined' && window.icpdesk ? 'electron' : 'browser';
}
