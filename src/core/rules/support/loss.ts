import { z } from 'zod';
import { fen, type Fen } from '../../money.ts';
import { yuanSchema } from '../schemas.ts';

/**
 * Loan losses (arts. 19 and 31). POLICY.md: actual loss = principal and interest left
 * unpaid after recoveries, never below zero.
 */
export const lossFields = {
  unpaidPrincipal: yuanSchema,
  unpaidInterest: yuanSchema,
  /** Everything recovered: collateral sold, guarantor paid, collections. */
  recoveries: yuanSchema,
};

export function actualLoss(l: { unpaidPrincipal: Fen; unpaidInterest: Fen; recoveries: Fen }): Fen {
  return fen(Math.max(0, l.unpaidPrincipal + l.unpaidInterest - l.recoveries));
}

/**
 * Rural property that art. 19 lists as mortgage collateral: 农村土地承包经营权、农房、林权
 * 及农林水设施设备; 地上种植（养殖）物，包含牲畜、家禽、果树、观赏树苗木、药材.
 */
export const RURAL_PROPERTY_COLLATERAL = [
  'land-contract-rights',
  'rural-house',
  'forest-rights',
  'farm-facilities',
  'livestock',
  'crops-and-trees',
  'herbs',
] as const;

export const COLLATERAL_KINDS = [...RURAL_PROPERTY_COLLATERAL, 'none', 'other'] as const;
export const collateralSchema = z.enum(COLLATERAL_KINDS);
export type Collateral = z.output<typeof collateralSchema>;

/**
 * Art. 19's own test, shared with art. 31 so that both rules decide "does art. 19
 * cover this loss" the same way: a mortgage on rural property granted by a pilot
 * bank or guarantor.
 */
export function art19Covers(loss: { pilotInstitution: boolean; collateral: Collateral }): boolean {
  return (
    loss.pilotInstitution &&
    (RURAL_PROPERTY_COLLATERAL as readonly string[]).includes(loss.collateral)
  );
}
