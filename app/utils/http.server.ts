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

/** The value, or a thrown 404 when a model found nothing. */
export function orNotFound<T>(value: T | null | undefined): T {
  if (value === null || value === undefined) throw notFound();
  return value;
}

/**
 * Runs the handler named by the form's `intent` field. Every route with more than one action
 * dispatches this way; an unknown intent is a 400, never a 500.
 */
export async function dispatchIntent<R>(formData: FormData, handlers: Record<string, () => Promise<R> | R>): Promise<R> {
  const intent = String(formData.get("intent") ?? "");
  if (!Object.hasOwn(handlers, intent)) throw badRequest();
  return handlers[intent]!();
}
