import { AppError } from '../platform/errors.js'

/**
 * A case kind's transition table: action → the states it may start from and the state it ends in;
 * `to: 'same'` keeps the state (a logged change within it). Each kind has one (product, website).
 */
export type TransitionTable<S extends string, A extends string> = Record<A, { readonly from: readonly S[]; readonly to: S | 'same' }>

export const invalidTransition = (action: string, from: string) =>
  new AppError('coordination.invalid_transition', 409, `The case cannot "${action}" while it is "${from}".`, { action, from })

/** The state after `action`, or a 409 error when the table does not allow it. Pure. */
export function nextStatusIn<S extends string, A extends string>(table: TransitionTable<S, A>, from: S, action: A): S {
  const rule = table[action]
  if (!rule.from.includes(from)) throw invalidTransition(action, from)
  return rule.to === 'same' ? from : rule.to
}

/** Actions the table allows from a state: what views may offer. */
export function actionsFrom<S extends string, A extends string>(table: TransitionTable<S, A>, from: S): A[] {
  return (Object.keys(table) as A[]).filter((a) => table[a].from.includes(from))
}
