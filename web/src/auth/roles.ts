import type { Role } from '../api/types.ts';

/** Roles that manage users and sessions. */
export const ADMIN_ROLES: readonly Role[] = ['district_admin'];
