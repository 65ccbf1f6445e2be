import { dispatch } from '../../db/dispatch';
import { contract, type In, type Method, type Out } from '../../shared/contract';
import type { ServiceContext } from '../../db/service/context';

/** Calls a method through the real dispatcher, fails on an error envelope, and checks the output against the contract. */
export async function ok<M extends Method>(ctx: ServiceContext, m: M, input: In<M>): Promise<Out<M>> {
  const r = await dispatch(ctx, m, input);
  if (!r.ok) throw new Error(`${m}: ${r.error.code} ${r.error.message}`);
  return contract[m].output.parse(r.value) as Out<M>;
}

/** Calls a method and returns the error envelope's error (fails if the call succeeded). */
export async function err<M extends Method>(ctx: ServiceContext, m: M, input: unknown) {
  const r = await dispatch(ctx, m, input);
  if (r.ok) throw new Error(`${m} unexpectedly succeeded`);
  return r.error;
}

let seq = 0;
/** A valid Shanxi USCC with a computed check character (division 140106 = 太原市迎泽区). */
export function makeUscc(n = ++seq): string {
  const chars = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  const body = `91140106MA${String(n).padStart(7, '0')}`;
  const sum = [...body].reduce((s, c, i) => s + chars.indexOf(c) * weights[i], 0);
  return body + chars[(31 - (sum % 31)) % 31];
}
