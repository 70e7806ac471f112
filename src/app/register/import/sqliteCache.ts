import type SQLite from 'better-sqlite3';

/**
 * Sets the connection's page cache to `kib` KiB (SQLite's default is 2 MB) for one large
 * job and returns what puts the previous size back (call it on errors too). A bulk job's
 * index pages then stay in memory instead of being spilled to the WAL and read back.
 */
export function enlargeSqliteCache(handle: SQLite.Database, kib: number): () => void {
  const previous = Number(handle.pragma('cache_size', { simple: true }));
  handle.pragma(`cache_size = -${kib}`);
  return () => void handle.pragma(`cache_size = ${previous}`);
}
