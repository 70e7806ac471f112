import { Button, Card, Descriptions, Flex, Tag } from 'antd';
import type { DescriptionsProps } from 'antd';
import { useParams } from 'react-router';
import { useInstitution } from '../../api/institutions.ts';
import { useTownshipNames } from '../../api/regions.ts';
import type { Institution } from '../../api/types.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { InstitutionKindTag } from '../../components/StatusTags.tsx';
import { useBackToList } from '../../components/useBackToList.ts';
import { useI18n } from '../../i18n/context.ts';
import { paths } from '../../paths.ts';
import { ExtraFields } from './ExtraFields.tsx';

const KNOWN = ['id', 'code', 'kind', 'nameZh', 'nameEn', 'servedTownships'] as const;

function InstitutionInfo({ inst }: { inst: Institution }) {
  const { t } = useI18n();
  const names = useTownshipNames();
  const items: DescriptionsProps['items'] = [
    { key: 'code', label: t.institutions.code, children: inst.code },
    { key: 'kind', label: t.institutions.kind, children: <InstitutionKindTag kind={inst.kind} /> },
    { key: 'zh', label: t.institutions.nameZh, children: inst.nameZh },
    { key: 'en', label: t.institutions.nameEn, children: inst.nameEn || t.common.empty },
    {
      key: 'served',
      label: t.institutions.servedTownships,
      span: 'filled',
      children: inst.servedTownships.length ? (
        <Flex gap={4} wrap data-testid="institution-townships">
          {inst.servedTownships.map((c) => (
            <Tag key={c}>{names.get(c) ?? c}</Tag>
          ))}
        </Flex>
      ) : (
        t.common.empty
      ),
    },
  ];
  return (
    <Card>
      <Descriptions
        items={items}
        column={{ xs: 1, sm: 2 }}
        size="small"
        data-testid="institution-detail"
      />
      <ExtraFields record={inst} known={KNOWN} title={t.institutions.otherFields} />
    </Card>
  );
}

export function InstitutionDetailPage() {
  const { t, lang } = useI18n();
  const { id = '' } = useParams();
  const back = useBackToList(paths.institutions);
  const inst = useInstitution(id);
  return (
    <div data-testid="institution-detail-page">
      <QueryState query={inst}>
        {(i) => (
          <>
            <PageHeader
              title={t.institutions.detailTitle(lang === 'zh' ? i.nameZh : i.nameEn || i.nameZh)}
              subtitle={i.code}
              extra={
                <Button onClick={back} data-testid="back-button">
                  {t.common.back}
                </Button>
              }
            />
            <InstitutionInfo inst={i} />
          </>
        )}
      </QueryState>
    </div>
  );
}
