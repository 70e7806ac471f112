import { z } from 'zod';
import { DISTRICT_ROLES, type Role } from '../roles.ts';

/** The kinds of service point of arts. 6–9, and which of them art. 6 subsidises. */
export const SERVICE_POINT_KINDS = [
  'bank_outlet',
  'atm',
  'pos',
  'self_service_point',
  'assisted_withdrawal_point',
  'mobile_payment_point',
  'village_service_station',
  'insurance_outlet',
  'mutual_aid_fund',
] as const;
export type ServicePointKind = (typeof SERVICE_POINT_KINDS)[number];

/** Art. 6's device kinds (core rule art6.one-off-device-subsidy) by service-point kind. */
export const ART6_DEVICE_OF = {
  atm: 'atm',
  self_service_point: 'self-service-point',
  assisted_withdrawal_point: 'assisted-withdrawal-point',
  mobile_payment_point: 'mobile-payment-point',
} as const satisfies Partial<Record<ServicePointKind, string>>;
export type Art6Kind = keyof typeof ART6_DEVICE_OF;
export const ART6_KINDS = Object.keys(ART6_DEVICE_OF) as Art6Kind[];

export const isArt6Kind = (kind: string): kind is Art6Kind => kind in ART6_DEVICE_OF;

/** Where an art. 6 device stands: 在乡镇和具备条件的贫困村, or elsewhere. */
export const ART6_SITES = ['township', 'poor-village', 'other'] as const;

/** Kinds a bank (or, for insurance outlets, an insurer) runs: they name their institution. */
export const INSTITUTION_KINDS: Partial<Record<ServicePointKind, readonly string[]>> = {
  bank_outlet: ['bank', 'policy_bank', 'village_bank'],
  atm: ['bank', 'policy_bank', 'village_bank'],
  pos: ['bank', 'policy_bank', 'village_bank'],
  self_service_point: ['bank', 'policy_bank', 'village_bank'],
  assisted_withdrawal_point: ['bank', 'policy_bank', 'village_bank'],
  mobile_payment_point: ['bank', 'policy_bank', 'village_bank'],
  insurance_outlet: ['insurer'],
};

/** The four tiers of art. 7: 区总会、乡分会、村中心、社小组, by the region level they sit at. */
export const MUTUAL_AID_TIERS = ['district', 'township', 'village', 'group'] as const;

/**
 * Kinds that give a village basic financial services (基础金融服务: cash, transfers,
 * payments) — decision 0015. Insurance outlets and mutual-aid funds do not.
 */
export const BASIC_SERVICE_KINDS: readonly ServicePointKind[] = [
  'bank_outlet',
  'atm',
  'pos',
  'self_service_point',
  'assisted_withdrawal_point',
  'mobile_payment_point',
  'village_service_station',
];

/** Roles that record service points; banks and insurers only their own. */
export const NETWORK_WRITERS: readonly Role[] = [
  'district_admin',
  'financial_office',
  'pboc',
  'bank_officer',
  'insurer',
];
export const NETWORK_READERS: readonly Role[] = [
  ...DISTRICT_ROLES,
  'township_clerk',
  'bank_officer',
  'insurer',
];

export const pointKind = z.enum(SERVICE_POINT_KINDS);
