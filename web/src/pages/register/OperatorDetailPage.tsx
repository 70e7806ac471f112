import { Button, Card, Descriptions, Flex } from 'antd';
import type { DescriptionsProps } from 'antd';
import { useLocation, useNavigate, useParams } from 'react-router';
import { useOperator } from '../../api/operators.ts';
import type { Operator } from '../../api/types.ts';
import { REGISTER_WRITERS } from '../../auth/roles.ts';
import { useCurrentUser } from '../../auth/UserContext.ts';
import { fillLast } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { OperatorKindTag, PoorShareTag } from '../../components/StatusTags.tsx';
import { useBackToList } from '../../components/useBackToList.ts';
import { useI18n } from '../../i18n/context.ts';
import { paths } from '../../paths.ts';
import { ExtraFields } from './ExtraFields.tsx';

const KNOWN = [
  'id',
  'name',
  'kind',
  'uscc',
  'villageCode',
  'villageName',
  'townshipCode',
  'townshipName',
  'legalRepresentative',
  'workforce',
  'poorWorkforce',
  'version',
] as const;

function OperatorInfo({ op }: { op: Operator }) {
  const { t } = useI18n();
  const items: DescriptionsProps['items'] = [
    { key: 'name', label: t.operators.name, children: op.name },
    { key: 'kind', label: t.operators.kind, children: <OperatorKindTag kind={op.kind} /> },
    { key: 'uscc', label: t.operators.uscc, children: op.uscc || t.common.empty },
    { key: 'township', label: t.regions.township, children: op.townshipName || t.common.empty },
    { key: 'village', label: t.regions.village, children: op.villageName || t.common.empty },
    {
      key: 'legalRepresentative',
      label: t.operators.legalRepresentative,
      children: op.legalRepresentative || t.common.empty,
    },
    { key: 'workforce', label: t.operators.workforce, children: op.workforce ?? t.common.empty },
    {
      key: 'poor',
      label: t.operators.poorWorkforce,
      children: op.poorWorkforce ?? t.common.empty,
    },
    { key: 'share', label: t.operators.poorShare, children: <PoorShareTag op={op} /> },
  ];
  return (
    <Card>
      <Descriptions
        items={fillLast(items)}
        column={{ xs: 1, sm: 2, lg: 3 }}
        size="small"
        data-testid="operator-detail"
      />
      <ExtraFields record={op} known={KNOWN} title={t.operators.otherFields} />
    </Card>
  );
}

export function OperatorDetailPage() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const location = useLocation();
  const back = useBackToList(paths.operators);
  const operator = useOperator(id);
  const user = useCurrentUser();
  return (
    <div data-testid="operator-detail-page">
      <QueryState query={operator}>
        {(op) => (
          <>
            <PageHeader
              title={t.operators.detailTitle(op.name)}
              subtitle={op.uscc ?? undefined}
              extra={
                <Flex gap={8}>
                  <Button onClick={back} data-testid="back-button">
                    {t.common.back}
                  </Button>
                  {REGISTER_WRITERS.includes(user.role) ? (
                    <Button
                      type="primary"
                      data-testid="operator-edit"
                      onClick={() =>
                        void navigate(paths.operatorEdit(op.id), { state: location.state })
                      }
                    >
                      {t.common.edit}
                    </Button>
                  ) : null}
                </Flex>
              }
            />
            <OperatorInfo op={op} />
          </>
        )}
      </QueryState>
    </div>
  );
}
