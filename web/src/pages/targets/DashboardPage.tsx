import { Button, Card, Col, DatePicker, Empty, Row, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useMemo } from 'react';
import { EChart } from '../../components/EChart.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { formatYuan } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useUrlParams } from '../../components/useUrlParams.ts';
import { useI18n } from '../../i18n/context.ts';
import { useDashboard, type DashboardData, type PlaceCoverage } from './dashboardApi.ts';
import { exportDashboard } from './dashboardExport.ts';
import { TargetsTable } from './TargetsTable.tsx';

const pct = (v: string | null) => (v === null ? null : Number(v.replace('%', '')));

/**
 * Where the district stands (issue 7 §5): the targets, growth comparisons, subsidies paid,
 * fund balances and coverage, as of a day, with a drill-down district → township → village.
 */
export function DashboardPage() {
  const { t, lang } = useI18n();
  const d = t.dashboard;
  const url = useUrlParams();
  const asOf = url.get('asOf');
  const township = url.get('township');
  const board = useDashboard(asOf, township);
  const data = board.data;
  const name = useCallback(
    (r: { nameZh?: string; nameEn?: string; zh?: string; en?: string }) =>
      lang === 'zh' ? (r.nameZh ?? r.zh ?? '') : (r.nameEn ?? r.en ?? ''),
    [lang],
  );
  const drill = useCallback(
    (label: string) => {
      if (township !== undefined || data === undefined) return;
      const place = data.coverage.places.find((p) => name(p) === label);
      if (place) url.update({ township: place.code });
    },
    [township, data, name, url],
  );

  return (
    <div data-testid="dashboard-page">
      <PageHeader
        title={d.title}
        subtitle={d.subtitle}
        extra={
          <>
            <DatePicker
              data-testid="dashboard-as-of"
              value={asOf ? dayjs(asOf) : null}
              placeholder={d.asOf}
              onChange={(v) => url.update({ asOf: v ? v.format('YYYY-MM-DD') : undefined })}
            />
            <Button
              data-testid="dashboard-export"
              disabled={data === undefined}
              onClick={() => data && void exportDashboard(data, d, lang)}
            >
              {d.exportExcel}
            </Button>
          </>
        }
      />
      {board.error ? <ErrorAlert error={board.error} /> : null}
      {data ? (
        <Figures
          data={data}
          name={name}
          drill={drill}
          onBack={() => url.update({ township: undefined })}
        />
      ) : null}
    </div>
  );
}

function Figures({
  data,
  name,
  drill,
  onBack,
}: {
  data: DashboardData;
  name: (r: { nameZh?: string; nameEn?: string; zh?: string; en?: string }) => string;
  drill: (label: string) => void;
  onBack: () => void;
}) {
  const { t } = useI18n();
  const d = t.dashboard;
  const growth = useMemo(
    () => ({
      tooltip: {},
      grid: { left: 60, right: 20, top: 20, bottom: 40 },
      xAxis: { type: 'category', data: data.growth.map((g) => name(g)) },
      yAxis: { type: 'value', axisLabel: { formatter: '{value}%' } },
      series: [
        {
          type: 'bar',
          data: data.growth.map((g) => pct(g.growth)),
          label: { show: true, position: 'top', formatter: '{c}%' },
        },
      ],
    }),
    [data, name],
  );
  const subsidies = useMemo(() => {
    const quarters = [...new Set(data.subsidies.map((s) => s.quarter))];
    const articles = [...new Set(data.subsidies.map((s) => s.article))];
    return {
      tooltip: { trigger: 'axis' },
      legend: {},
      grid: { left: 80, right: 20, top: 40, bottom: 40 },
      xAxis: { type: 'category', data: quarters },
      yAxis: { type: 'value' },
      series: articles.map((a) => ({
        name: a,
        type: 'bar',
        stack: 'paid',
        data: quarters.map((q) =>
          Number(data.subsidies.find((s) => s.quarter === q && s.article === a)?.amount ?? 0),
        ),
      })),
    };
  }, [data]);
  const coverage = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: {},
      grid: { left: 40, right: 20, top: 40, bottom: 80 },
      xAxis: {
        type: 'category',
        data: data.coverage.places.map((p) => name(p)),
        axisLabel: { rotate: 45 },
      },
      yAxis: { type: 'value' },
      series: [
        {
          name: d.outlets,
          type: 'bar',
          data: data.coverage.places.map((p) => p.points.bank_outlet),
        },
        { name: d.atms, type: 'bar', data: data.coverage.places.map((p) => p.points.atm) },
        {
          name: d.villagesServed,
          type: 'bar',
          data: data.coverage.places.map((p) => p.villagesWithBasicServices),
        },
      ],
    }),
    [data, name, d],
  );
  const district = data.coverage.district;
  return (
    <Row gutter={[16, 16]}>
      <Col span={24}>
        <Card title={`${d.targets}（${d.asOf} ${data.asOf}）`} data-testid="dashboard-targets">
          <TargetsTable rows={data.targets} />
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card title={d.growth} data-testid="dashboard-growth">
          <EChart option={growth} height={260} testId="chart-growth" />
          <Table
            size="small"
            pagination={false}
            rowKey="key"
            dataSource={data.growth}
            columns={[
              { title: d.target, key: 'n', render: (_: unknown, g) => name(g) },
              { title: d.balance, dataIndex: 'balance', align: 'right', render: formatYuan },
              {
                title: d.balanceYearAgo,
                dataIndex: 'balanceYearAgo',
                align: 'right',
                render: formatYuan,
              },
              {
                title: d.growthRate,
                dataIndex: 'growth',
                align: 'right',
                render: (v: string | null) => <span data-testid="growth-rate">{v ?? '—'}</span>,
              },
            ]}
          />
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card title={d.subsidies} data-testid="dashboard-subsidies">
          {data.subsidies.length === 0 ? (
            <Empty description={d.noSubsidies} />
          ) : (
            <EChart option={subsidies} height={260} testId="chart-subsidies" />
          )}
          <Typography.Title level={5}>{d.funds}</Typography.Title>
          <Table
            size="small"
            pagination={false}
            rowKey="code"
            dataSource={data.funds}
            columns={[
              { title: d.fund, key: 'n', render: (_: unknown, f) => name(f) },
              {
                title: d.balance,
                dataIndex: 'balance',
                align: 'right',
                render: (v: string) => (
                  <span data-testid="dashboard-fund-balance">{formatYuan(v)}</span>
                ),
              },
              { title: d.available, dataIndex: 'available', align: 'right', render: formatYuan },
            ]}
          />
        </Card>
      </Col>
      <Col span={24}>
        <Card
          title={`${d.coverage} — ${data.township ?? d.district}`}
          extra={
            data.township ? (
              <Button data-testid="dashboard-back" onClick={onBack}>
                {d.backToDistrict}
              </Button>
            ) : (
              <Typography.Text type="secondary">{d.drillHint}</Typography.Text>
            )
          }
          data-testid="dashboard-coverage"
        >
          <Typography.Paragraph data-testid="coverage-summary">
            {d.district}: {d.outlets} {district.points.bank_outlet}，{d.atms} {district.points.atm}
            ，{d.pos} {district.points.pos}；{d.villagesServed} {district.villagesWithBasicServices}{' '}
            / {district.villages}
          </Typography.Paragraph>
          <EChart option={coverage} height={320} onClick={drill} testId="chart-coverage" />
          <Table<PlaceCoverage>
            size="small"
            rowKey="code"
            pagination={false}
            dataSource={data.coverage.places}
            onRow={(p) =>
              ({
                'data-testid': 'coverage-row',
                'data-code': p.code,
                onClick: () => drill(name(p)),
                style: data.township ? undefined : { cursor: 'pointer' },
              }) as object
            }
            columns={[
              { title: d.place, key: 'n', render: (_: unknown, p) => name(p) },
              {
                title: d.outlets,
                key: 'o',
                align: 'right',
                render: (_: unknown, p) => p.points.bank_outlet,
              },
              { title: d.atms, key: 'a', align: 'right', render: (_: unknown, p) => p.points.atm },
              { title: d.pos, key: 'p', align: 'right', render: (_: unknown, p) => p.points.pos },
              {
                title: d.villagesServed,
                key: 'v',
                align: 'right',
                render: (_: unknown, p) =>
                  `${String(p.villagesWithBasicServices)} / ${String(p.villages)}`,
              },
            ]}
          />
        </Card>
      </Col>
    </Row>
  );
}
