// The dashboard's one API call (GET /dashboard): every figure as of a day, with the
// definitions behind each. Types mirror src/app/targets/dashboard.ts.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';

export type TargetStatus = 'met' | 'on-track' | 'at-risk' | 'missed' | 'no-data';

export interface MetricPart {
  id: string;
  zh: string;
  en: string;
  value: string | null;
}

export interface TargetRow {
  id: string;
  article: string;
  titleZh: string;
  titleEn: string;
  quote: string;
  interpretation: string | null;
  unit: 'count' | 'CNY' | 'percent';
  status: TargetStatus;
  actual: string | null;
  goal: string | null;
  goalKind: 'at-least' | 'exceeds';
  goalParam: { id: string; version: number } | null;
  deadline: string | null;
  metric: { numerator: MetricPart; denominator: MetricPart | null };
  compareTo: { numerator: MetricPart; denominator: MetricPart | null } | null;
}

export interface PlaceCoverage {
  code: string;
  nameZh: string;
  nameEn: string;
  points: Record<string, number>;
  villages: number;
  villagesWithBasicServices: number;
  villagesWithPos: number;
}

export interface DashboardData {
  asOf: string;
  township: string | null;
  targets: TargetRow[];
  growth: {
    key: string;
    zh: string;
    en: string;
    balance: string | null;
    balanceYearAgo: string | null;
    growth: string | null;
    target: string;
  }[];
  subsidies: { quarter: string; article: string; amount: string }[];
  funds: { code: string; nameZh: string; nameEn: string; balance: string; available: string }[];
  coverage: {
    district: PlaceCoverage;
    townships: number;
    townshipsWithOutlet: number;
    places: PlaceCoverage[];
  };
}

export function useDashboard(asOf: string | undefined, township: string | undefined) {
  return useQuery({
    queryKey: ['dashboard', asOf ?? null, township ?? null],
    queryFn: ({ signal }) =>
      api<DashboardData>('/dashboard', { query: { asOf, township }, signal }),
    placeholderData: keepPreviousData,
  });
}
