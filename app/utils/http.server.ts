import { data } from "react-router";

/**
 * The one place where "not found", "forbidden" and "bad request" become HTTP responses. Models
 * return null (absent) or a result type; routes turn those into these responses, which the
 * route's error boundary shows as translated text.
 */
export function notFound(): Response {
  return new Response("Not found", { status: 404 });
}

export function forbidden(): Response {
  return new Response("Forbidden", { status: 403 });
}

export function badRequest(): Response {
  return new Response("Bad request", { status: 400 });
}

/**
 * 503 for a form whose password hash found the server's hashing budget full: the form's reply says
 * "busy, try again in a few seconds" at its top (`{ key: "security.busy" }`) and keeps what was typed.
 */
export function hashingBusyAnswer<T>(reply: T) {
  return data(reply, { status: 503, headers: { "Retry-After": "5" } });
}

/** The value, or a thrown 404 when a model found nothing. */
export function orNotFound<T>(value: T | null | undefined): T {
  if (value === null || value === undefined) throw notFound();
  return value;
}

/**
 * Runs the handler named by the form's `intent` field. Every route with more than one action
 * dispatches this way; an unknown intent is a 400, never a 500.
 */
export async function dispatchIntent<H extends Record<string, () => unknown>>(formData: FormData, handlers: H): Promise<Awaited<ReturnType<H[keyof H]>>> {
  const intent = String(formData.get("intent") ?? "");
  if (!Object.hasOwn(handlers, intent)) throw badRequest();
  // Each handler's own result type is kept, so useActionData sees the union of them all.
  return (await handlers[intent]!()) as Awaited<ReturnType<H[keyof H]>>;
}
