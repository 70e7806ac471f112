import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { Role } from '../../api/types.ts';

// The rural credit system (issue 6), as src/app/credit/* answers it.

export const SECTIONS = [
  'family-labour',
  'land-assets',
  'income-production',
  'debts',
  'repayment-record',
  'village-assessment',
  'officer-assessment',
] as const;
export type Section = (typeof SECTIONS)[number];

export const COLLECTORS: readonly Role[] = [
  'district_admin',
  'pboc',
  'township_clerk',
  'bank_officer',
];
export const PROPOSERS: readonly Role[] = [
  'district_admin',
  'pboc',
  'financial_office',
  'township_clerk',
];
export const APPROVERS: readonly Role[] = ['district_admin', 'pboc', 'financial_office'];

export interface Check {
  criterion: string;
  comparison: 'at-least' | 'under';
  threshold: string;
  numerator: number;
  denominator: number;
  percent: string;
  met: boolean;
}

export interface Coverage {
  subjects: number;
  collected: number;
  collectionRate: string;
  collectionMet: boolean;
  rated: number;
  ratingRate: string;
  ratingMet: boolean;
  created: number;
  createdOf: number;
  creationRate: string;
  creationMet: boolean;
}

export interface AreaRow {
  code: string;
  nameZh: string;
  nameEn: string;
  townshipCode: string;
  designated: boolean;
  pendingProposalId: string | null;
  verdict: { qualifies: boolean; checks: Check[] };
  coverage: Coverage;
}

export interface Overview {
  asOf: string;
  targets: { collectionRateMin: string; ratingRateMin: string; creationCoverage: string };
  townships: AreaRow[];
  villages: AreaRow[];
}

export interface WorkItem {
  subjectKind: 'household' | 'operator';
  subjectId: string;
  label: string;
  name: string;
  collectionId: string | null;
  collectionStatus: 'draft' | 'submitted' | null;
  collectionVersion: number | null;
  collectedOn: string | null;
  grade: string | null;
  points: string | null;
  validUntil: string | null;
  stage: 'todo' | 'draft' | 'collected' | 'rated';
}

export type SectionValue = { score?: number; note?: string };
export type Sections = Partial<Record<Section, SectionValue>>;

export interface Collection {
  id: string;
  status: 'draft' | 'submitted';
  sections: Sections;
  version: number;
}

export interface RatingLine {
  section: Section;
  weight: number;
  score: number;
  points: string;
  source: 'collected' | 'loan-portfolio';
  overdueInstalments: number | null;
}

export interface RatingCardData {
  subject: { name: string };
  rating: null | {
    ratedOn: string;
    validUntil: string;
    valid: boolean;
    points: string;
    grade: string;
    lines: RatingLine[];
    thresholds: { AAA: number; AA: number; A: number };
  };
}

export interface Proposal {
  id: string;
  level: 'household' | 'village' | 'township';
  subjectCode: string;
  villageCode: string | null;
  asOf: string;
  action: 'grant' | 'revoke';
  proposedBy: string;
}

const K = ['credit'] as const;

export const useOverview = (asOf: string) =>
  useQuery({
    queryKey: [...K, 'overview', asOf],
    queryFn: ({ signal }) => api<Overview>('/credit/overview', { query: { asOf }, signal }),
    placeholderData: keepPreviousData,
  });

export const useWorklist = (villageCode: string | undefined, asOf: string) =>
  useQuery({
    queryKey: [...K, 'worklist', villageCode, asOf],
    enabled: villageCode !== undefined,
    queryFn: ({ signal }) =>
      api<{ items: WorkItem[] }>('/credit/worklist', { query: { villageCode, asOf }, signal }),
  });

export const useCollection = (id: string | null) =>
  useQuery({
    queryKey: [...K, 'collection', id],
    enabled: id !== null,
    queryFn: ({ signal }) =>
      api<Collection>(`/credit/collections/${encodeURIComponent(id!)}`, { signal }),
  });

export const useRatingCard = (kind: string, id: string | null, asOf: string) =>
  useQuery({
    queryKey: [...K, 'card', id, asOf],
    enabled: id !== null,
    queryFn: ({ signal }) =>
      api<RatingCardData>('/credit/rating-card', {
        query: { subjectKind: kind, subjectId: id!, asOf },
        signal,
      }),
  });

export const useProposals = () =>
  useQuery({
    queryKey: [...K, 'proposals'],
    queryFn: ({ signal }) => api<{ items: Proposal[] }>('/credit/proposals', { signal }),
  });

/** A credit write; every one refreshes the credit views. */
export function useCreditWrite<V>(path: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: V) => api<unknown>(path, { method: 'POST', body }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: K }),
  });
}
