/** The middle value (the upper one of an even count), as every benchmark here reports it. */
export function median(values: number[]): number {
  return medianBy(values, (value) => value);
}

/** The item whose key is the median of the items' keys. */
export function medianBy<T>(items: T[], key: (item: T) => number): T {
  return [...items].sort((a, b) => key(a) - key(b))[Math.floor(items.length / 2)];
}
