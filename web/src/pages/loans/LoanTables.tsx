import { Card, Table, Tag, Tooltip } from 'antd';
import type { TableColumnsType } from 'antd';
import type { HTMLAttributes } from 'react';
import type { Instalment, Repayment, ScheduleRow } from '../../api/loanTypes.ts';
import { formatDate, formatYuan } from '../../components/format.ts';
import { useI18n } from '../../i18n/context.ts';

const money = (v: string) => formatYuan(v);

function OnTimeCell({ i }: { i: Instalment | undefined }) {
  const { t } = useI18n();
  const onTime = i?.onTime ?? null;
  const state = onTime === null ? 'pending' : onTime ? 'yes' : 'no';
  return (
    <span data-testid="loan-on-time" data-on-time={state}>
      {onTime === null ? (
        t.common.empty
      ) : onTime ? (
        <Tooltip title={i?.coveredOn ? t.loans.coveredOn(formatDate(i.coveredOn)) : undefined}>
          <Tag color="green">{t.loans.onTimeYes}</Tag>
        </Tooltip>
      ) : (
        <Tooltip
          title={i?.coveredOn ? t.loans.coveredOn(formatDate(i.coveredOn)) : t.loans.notCovered}
        >
          <Tag color="red">{t.loans.onTimeNo}</Tag>
        </Tooltip>
      )}
    </span>
  );
}

export function ScheduleTable({
  rows,
  instalments = [],
}: {
  rows: ScheduleRow[];
  /** Whether each instalment was paid on time, matched by n. */
  instalments?: Instalment[];
}) {
  const { t } = useI18n();
  const byN = new Map(instalments.map((i) => [i.n, i]));
  const columns: TableColumnsType<ScheduleRow> = [
    { title: t.loans.period, dataIndex: 'n', width: 70 },
    { title: t.loans.dueDate, dataIndex: 'dueDate', width: 120, render: formatDate },
    { title: t.loans.principal, dataIndex: 'principal', align: 'right', render: money },
    { title: t.loans.interest, dataIndex: 'interest', align: 'right', render: money },
    { title: t.loans.total, dataIndex: 'total', align: 'right', render: money },
    { title: t.loans.balanceAfter, dataIndex: 'balanceAfter', align: 'right', render: money },
    {
      title: t.loans.onTime,
      key: 'onTime',
      width: 90,
      render: (_: unknown, r) => <OnTimeCell i={byN.get(r.n)} />,
    },
  ];
  return (
    <Card title={t.loans.schedule} style={{ marginBottom: 16 }}>
      <div data-testid="loan-schedule">
        <Table<ScheduleRow>
          rowKey="n"
          size="small"
          columns={columns}
          dataSource={rows}
          pagination={rows.length > 24 ? { pageSize: 24, showSizeChanger: false } : false}
          locale={{ emptyText: t.loans.noSchedule }}
          scroll={{ x: 790 }}
          onRow={(r) =>
            ({ 'data-testid': 'loan-schedule-row', 'data-n': r.n }) as HTMLAttributes<HTMLElement>
          }
        />
      </div>
    </Card>
  );
}

export function RepaymentsTable({ rows }: { rows: Repayment[] }) {
  const { t } = useI18n();
  const columns: TableColumnsType<Repayment> = [
    { title: t.loans.paidOn, dataIndex: 'paidOn', width: 120, render: formatDate },
    { title: t.loans.repaidAmount, dataIndex: 'amount', align: 'right', render: money },
    { title: t.loans.principal, dataIndex: 'principal', align: 'right', render: money },
    { title: t.loans.interest, dataIndex: 'interest', align: 'right', render: money },
    { title: t.loans.penalty, dataIndex: 'penalty', align: 'right', render: money },
    { title: t.loans.bankTxnId, dataIndex: 'bankTxnId' },
    {
      title: t.loans.note,
      dataIndex: 'note',
      render: (v: string | null) => v || t.common.empty,
    },
    { title: t.loans.recordedBy, dataIndex: 'recordedBy' },
  ];
  return (
    <Card title={t.loans.repayments}>
      <div data-testid="loan-repayments">
        <Table<Repayment>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={rows}
          pagination={false}
          locale={{ emptyText: t.loans.noRepayments }}
          scroll={{ x: 900 }}
          onRow={() => ({ 'data-testid': 'loan-repayment-row' }) as HTMLAttributes<HTMLElement>}
        />
      </div>
    </Card>
  );
}
