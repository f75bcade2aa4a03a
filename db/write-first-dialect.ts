import type { Dialect, Driver } from "kysely";

/**
 * A database's own Kysely dialect with its driver replaced. Both databases use it for a driver
 * that takes the one write lock at the start of every transaction (SQLite's BEGIN IMMEDIATE, a
 * PostgreSQL advisory lock; decisions 013 and 014); everything else is the dialect's own.
 */
export function withDriver(dialect: Dialect, createDriver: () => Driver): Dialect {
  return {
    createAdapter: () => dialect.createAdapter(),
    createDriver,
    createIntrospector: (db) => dialect.createIntrospector(db),
    createQueryCompiler: () => dialect.createQueryCompiler(),
  };
}
