import { Card, Input, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMemo, useState, type HTMLAttributes } from 'react';
import { useGovUnits } from '../../api/institutions.ts';
import type { GovUnit } from '../../api/types.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useI18n } from '../../i18n/context.ts';

export function GovUnitsPage() {
  const { t } = useI18n();
  const units = useGovUnits();
  const [q, setQ] = useState('');
  const rows = useMemo(() => {
    const needle = q.trim().toLowerCase();
    return (units.data ?? []).filter(
      (u) =>
        !needle ||
        u.nameZh.toLowerCase().includes(needle) ||
        u.nameEn.toLowerCase().includes(needle) ||
        u.code.toLowerCase().includes(needle),
    );
  }, [units.data, q]);

  const columns: TableColumnsType<GovUnit> = [
    { title: t.govUnits.code, dataIndex: 'code', width: 160 },
    { title: t.govUnits.nameZh, dataIndex: 'nameZh' },
    { title: t.govUnits.nameEn, dataIndex: 'nameEn' },
  ];

  return (
    <div data-testid="gov-units-page">
      <PageHeader title={t.govUnits.title} subtitle={t.govUnits.subtitle} />
      <Card>
        <Input
          allowClear
          type="search"
          style={{ width: 300, marginBottom: 16 }}
          placeholder={t.govUnits.searchPlaceholder}
          aria-label={t.govUnits.searchPlaceholder}
          value={q}
          onChange={(e) => setQ(e.target.value)}
          data-testid="gov-unit-search"
        />
        {units.isError ? (
          <ErrorAlert error={units.error} onRetry={() => void units.refetch()} />
        ) : null}
        <div data-testid="gov-unit-table">
          <Table<GovUnit>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={rows}
            loading={units.isFetching}
            pagination={{ pageSize: 50, hideOnSinglePage: true, showTotal: t.common.total }}
            onRow={(r) =>
              ({
                'data-testid': 'gov-unit-row',
                'data-gov-unit-id': r.id,
              }) as HTMLAttributes<HTMLElement>
            }
          />
        </div>
      </Card>
    </div>
  );
}
