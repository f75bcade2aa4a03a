/**
 * How every model answers a change it refuses: `{ ok: false, error: { kind } }`, the kind in
 * camelCase and the error carrying what the page needs to say why (the joint bid's `ActionError`
 * is one such union). Routes switch on `error.kind`.
 */
export type Refusal<E extends { kind: string }> = { ok: false; error: E };

/** A model's answer: done, with what the caller needs next, or refused. */
export type Outcome<E extends { kind: string }, T extends object = object> = ({ ok: true } & T) | Refusal<E>;

export const refuse = <const E extends { kind: string }>(error: E): Refusal<E> => ({ ok: false, error });
