import { createContext, useContext } from 'react';
import type { User } from '../api/types.ts';

export const UserContext = createContext<User | null>(null);

/** The signed-in user; only for components under the authenticated layout. */
export function useCurrentUser(): User {
  const u = useContext(UserContext);
  if (!u) throw new Error('useCurrentUser outside the authenticated layout');
  return u;
}
