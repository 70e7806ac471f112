import { Tag } from 'antd';
import type { InstitutionKind, Operator, OperatorKind, PovertyStatus } from '../api/types.ts';
import { useI18n } from '../i18n/context.ts';
import { ART15_POOR_SHARE, poorShare } from './format.ts';

const povertyColor: Record<PovertyStatus, string> = {
  registered_poor: 'red',
  lifted: 'green',
  not_poor: 'default',
};

export function PovertyStatusTag({ status }: { status: PovertyStatus }) {
  const { t } = useI18n();
  const label = (t.povertyStatus as Record<string, string>)[status] ?? status;
  return (
    <Tag color={povertyColor[status] ?? 'default'} data-status={status}>
      {label}
    </Tag>
  );
}

export function OperatorKindTag({ kind }: { kind: OperatorKind }) {
  const { t } = useI18n();
  return <Tag>{(t.operatorKind as Record<string, string>)[kind] ?? kind}</Tag>;
}

export function InstitutionKindTag({ kind }: { kind: InstitutionKind }) {
  const { t } = useI18n();
  return <Tag color="blue">{(t.institutionKind as Record<string, string>)[kind] ?? kind}</Tag>;
}

export function PoorShareTag({ op }: { op: Pick<Operator, 'workforce' | 'poorWorkforce'> }) {
  const { t } = useI18n();
  const share = poorShare(op.workforce, op.poorWorkforce);
  if (share === null) return <>{t.common.empty}</>;
  return (
    <Tag color={share >= ART15_POOR_SHARE ? 'green' : 'default'} data-testid="operator-poor-share">
      {t.common.percent(share)}
    </Tag>
  );
}
