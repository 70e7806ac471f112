/**
 * Whether a database error is a unique-key violation, on either dialect: PostgreSQL's
 * `unique_violation`, better-sqlite3's primary-key and unique-index constraints. Writers
 * that check first and insert after use it to answer a concurrent duplicate as a
 * conflict, not a server error.
 */
export function isUniqueViolation(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return (
    code === '23505' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    code === 'SQLITE_CONSTRAINT_UNIQUE'
  );
}
