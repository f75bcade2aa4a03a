/** The paths of every key in a page's data that is a stored column's name (snake_case), not the domain's. */
export function storedNames(value: unknown, path = "", vocabulary: ReadonlySet<string> = new Set()): string[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => storedNames(item, `${path}[${index}]`, vocabulary));
  if (value === null || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([key, item]) => [
    ...(key.includes("_") && !vocabulary.has(key) ? [`${path}.${key}`] : []),
    ...storedNames(item, `${path}.${key}`, vocabulary),
  ]);
}
