import type { Role } from './roles.ts';

/** Who is acting. Built from a session (HTTP) or from the CLI's system identity. */
export interface Actor {
  readonly userId: string | null;
  readonly username: string;
  readonly role: Role;
  readonly regionCode: string;
  readonly townshipCode: string | null;
  readonly institutionId: string | null;
  readonly govUnitId: string | null;
  /** Townships whose register this actor may read: 'all', or a list. */
  readonly townships: 'all' | readonly string[];
}

export const WULONG = '500156';

/** The CLI and seeding act as the system, with a district administrator's reach. */
export function systemActor(regionCode = WULONG): Actor {
  return {
    userId: null,
    username: 'system',
    role: 'district_admin',
    regionCode,
    townshipCode: null,
    institutionId: null,
    govUnitId: null,
    townships: 'all',
  };
}

export function canSeeTownship(actor: Actor, townshipCode: string): boolean {
  return actor.townships === 'all' || actor.townships.includes(townshipCode);
}
