import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { Role } from '../../api/types.ts';

// The art. 35 evaluation, as src/app/supervision/evaluation*.ts answers it. Roles mirror
// EVALUATORS and INSTITUTION_ROLES there (the server enforces them; the UI only hides).
export const EVALUATORS: readonly Role[] = ['district_admin', 'financial_office', 'pboc'];
export const EVALUATED: readonly Role[] = ['bank_officer', 'insurer', 'guarantor'];

export type LineKind = 'quantitative' | 'qualitative' | 'bonus' | 'penalty';
export interface SchemeLine {
  id: string;
  kind: LineKind;
  titleZh: string;
  titleEn: string;
  of: string;
  computed: boolean;
  indicatorZh: string | null;
  indicatorEn: string | null;
  ruleZh: string | null;
  ruleEn: string | null;
}
export interface Scheme {
  year: number;
  version: number;
  total: string;
  items: SchemeLine[];
  bands: { grade: string; from: string }[];
}
export interface ResultLine {
  id: string;
  kind: 'item' | 'bonus' | 'penalty';
  titleZh: string;
  titleEn: string;
  points: string;
  of: string;
  computed: {
    indicatorZh: string;
    indicatorEn: string;
    unit: 'fen' | 'count';
    numerator: string | null;
    numeratorZh: string;
    numeratorEn: string;
    denominator: string | null;
    denominatorZh: string | null;
    denominatorEn: string | null;
    value: string | null;
    ruleZh: string;
    ruleEn: string;
  } | null;
}
export interface EvaluationRow {
  institutionId: string;
  nameZh: string;
  nameEn: string;
  schemeVersion: number;
  status: 'draft' | 'finished';
  total: string;
  grade: string;
  rank: number | null;
  asOf: string | null;
  lines: ResultLine[];
}

const keys = {
  all: ['evaluation'] as const,
  scheme: (year: number | undefined) => ['evaluation', 'scheme', year] as const,
  list: (year: number) => ['evaluation', 'list', year] as const,
};

export const useScheme = (year: number | undefined) =>
  useQuery({
    queryKey: keys.scheme(year),
    queryFn: ({ signal }) => api<Scheme>('/evaluations/scheme', { query: { year }, signal }),
  });

export const useEvaluations = (year: number | undefined) =>
  useQuery({
    queryKey: keys.list(year ?? 0),
    queryFn: ({ signal }) =>
      api<{ year: number; items: EvaluationRow[] }>('/evaluations', {
        query: { year },
        signal,
      }),
    enabled: year !== undefined,
  });

function useWrite<V, R>(path: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: V) => api<R>(path, { method: 'POST', body: v }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: keys.all }),
  });
}

export const useCompute = () =>
  useWrite<{ year: number }, { asOf: string; computed: unknown[]; finished: string[] }>(
    '/evaluations/compute',
  );
export const useEnterScores = () =>
  useWrite<
    {
      year: number;
      institutionId: string;
      scores: { kind: 'item' | 'bonus' | 'penalty'; id: string; points: string }[];
    },
    { total: string; grade: string }
  >('/evaluations/scores');
export const useFinish = () =>
  useWrite<{ year: number; institutionId: string }, { status: 'finished' }>('/evaluations/finish');
