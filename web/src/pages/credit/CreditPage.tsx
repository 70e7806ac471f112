import { DatePicker, Select, Tabs } from 'antd';
import dayjs from 'dayjs';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useUrlParams } from '../../components/useUrlParams.ts';
import { useI18n } from '../../i18n/context.ts';
import { Approvals } from './Approvals.tsx';
import { useOverview } from './creditApi.ts';
import { VillageGrid } from './VillageGrid.tsx';
import { Worklist } from './Worklist.tsx';

/** The rural credit system: the village grid, a village's worklist, and approvals. */
export function CreditPage() {
  const { t, lang } = useI18n();
  const c = t.creditSystem;
  const url = useUrlParams();
  const asOf = url.get('asOf') ?? dayjs().format('YYYY-MM-DD');
  const tab = url.get('tab') ?? 'grid';
  const village = url.get('village') ?? undefined;
  const overview = useOverview(asOf);
  const villages = overview.data?.villages ?? [];
  return (
    <div data-testid="credit-page">
      <PageHeader
        title={c.title}
        subtitle={c.subtitle}
        extra={
          <DatePicker
            value={dayjs(asOf)}
            allowClear={false}
            onChange={(d) => url.update({ asOf: (d ?? dayjs()).format('YYYY-MM-DD') })}
            data-testid="credit-as-of"
          />
        }
      />
      {overview.isError ? (
        <ErrorAlert error={overview.error} onRetry={() => void overview.refetch()} />
      ) : null}
      <Tabs
        activeKey={tab}
        onChange={(k) => url.update({ tab: k })}
        items={[
          {
            key: 'grid',
            label: c.tabGrid,
            children: overview.data ? (
              <VillageGrid
                data={overview.data}
                onOpen={(v) => url.update({ tab: 'work', village: v })}
              />
            ) : null,
          },
          {
            key: 'work',
            label: c.tabWork,
            children: (
              <>
                <Select
                  showSearch
                  optionFilterProp="label"
                  style={{ width: 320, marginBottom: 8 }}
                  value={village}
                  placeholder={c.village}
                  onChange={(v: string) => url.update({ village: v })}
                  options={villages.map((v) => ({
                    value: v.code,
                    label: lang === 'zh' ? v.nameZh : v.nameEn,
                  }))}
                  data-testid="credit-village-select"
                />
                {village ? <Worklist villageCode={village} asOf={asOf} /> : null}
              </>
            ),
          },
          { key: 'approve', label: c.tabApprove, children: <Approvals /> },
        ]}
      />
    </div>
  );
}
