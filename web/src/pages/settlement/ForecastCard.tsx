import { Card, DatePicker, Flex, Progress, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState, type HTMLAttributes } from 'react';
import { useForecast, type ForecastQuarter } from '../../api/settlement.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { formatYuan } from '../../components/format.ts';
import { useI18n } from '../../i18n/context.ts';

/** The next four quarters' subsidies from the current loans' schedules, with a bar each. */
export function ForecastCard() {
  const { t } = useI18n();
  const w = t.whatIf;
  const [from, setFrom] = useState<Dayjs | null>(null);
  const forecast = useForecast(from?.format('YYYY-MM-DD'));
  const rows = forecast.data ?? [];
  const max = Math.max(0, ...rows.map((r) => Number(r.total)));
  const columns: TableColumnsType<ForecastQuarter> = [
    { title: w.quarter, dataIndex: 'period', width: 110 },
    {
      title: w.forecastTotal,
      dataIndex: 'total',
      align: 'right',
      width: 170,
      render: (v: string) => <span data-testid="forecast-total">{formatYuan(v)}</span>,
    },
    {
      key: 'bar',
      render: (_: unknown, r) => (
        <Progress
          percent={max > 0 ? (Number(r.total) / max) * 100 : 0}
          showInfo={false}
          // Not 'success' green at 100%: the largest quarter is no achievement.
          status="normal"
          size="small"
        />
      ),
    },
  ];
  return (
    <Card
      title={w.forecast}
      size="small"
      data-testid="forecast-card"
      extra={
        <Flex gap={8} align="center">
          <span>{w.forecastFrom}</span>
          <DatePicker value={from} onChange={setFrom} data-testid="forecast-from" />
        </Flex>
      }
    >
      <Typography.Paragraph type="secondary">{w.forecastHint}</Typography.Paragraph>
      {forecast.isError ? (
        <ErrorAlert error={forecast.error} onRetry={() => void forecast.refetch()} />
      ) : null}
      <Table<ForecastQuarter>
        rowKey="period"
        size="small"
        columns={columns}
        dataSource={rows}
        loading={forecast.isFetching}
        pagination={false}
        onRow={(r) =>
          ({
            'data-testid': 'forecast-row',
            'data-period': r.period,
          }) as HTMLAttributes<HTMLElement>
        }
      />
    </Card>
  );
}
