import { Button, Card, DatePicker, Flex, Modal, Statistic, Table, Tag, Tooltip } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useState, type HTMLAttributes } from 'react';
import {
  FUND_KEEPERS,
  useFunds,
  type FundBalance,
  type LedgerAccount,
} from '../../api/settlement.ts';
import { useCurrentUser } from '../../auth/UserContext.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { formatYuan } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useUrlParams } from '../../components/useUrlParams.ts';
import { useI18n } from '../../i18n/context.ts';
import { TopUpForm } from './TopUpForm.tsx';

const money = (v: string) => formatYuan(v);

/** Fund balances and the whole ledger as of a date, with top-ups for the finance bureau. */
export function FundsPage() {
  const { t, lang } = useI18n();
  const user = useCurrentUser();
  const url = useUrlParams();
  const [toppingUp, setToppingUp] = useState(false);
  const funds = useFunds(url.get('asOf'));
  const f = t.funds;
  const name = (r: { nameZh: string; nameEn: string }) => (lang === 'zh' ? r.nameZh : r.nameEn);
  const data = funds.data;

  const fundColumns: TableColumnsType<FundBalance> = [
    { title: f.fund, key: 'name', render: (_: unknown, r) => name(r) },
    {
      title: f.balance,
      dataIndex: 'balance',
      align: 'right',
      width: 180,
      render: (v: string) => <span data-testid="fund-balance">{money(v)}</span>,
    },
    {
      title: <Tooltip title={f.availableHint}>{f.available}</Tooltip>,
      dataIndex: 'available',
      align: 'right',
      width: 180,
      render: (v: string) => <span data-testid="fund-available">{money(v)}</span>,
    },
  ];
  const accountColumns: TableColumnsType<LedgerAccount> = [
    { title: f.code, dataIndex: 'code', width: 260 },
    { title: f.name, key: 'name', render: (_: unknown, r) => name(r) },
    {
      title: f.accountKind,
      dataIndex: 'kind',
      width: 100,
      render: (v: string) => <Tag>{f.kindNames[v] ?? v}</Tag>,
    },
    { title: f.balance, dataIndex: 'balance', align: 'right', width: 180, render: money },
  ];

  return (
    <div data-testid="funds-page">
      <PageHeader
        title={f.title}
        subtitle={f.subtitle}
        extra={
          FUND_KEEPERS.includes(user.role) ? (
            <Button type="primary" onClick={() => setToppingUp(true)} data-testid="fund-top-up">
              {f.topUp}
            </Button>
          ) : undefined
        }
      />
      {funds.isError ? (
        <ErrorAlert error={funds.error} onRetry={() => void funds.refetch()} />
      ) : null}
      <Card style={{ marginBottom: 16 }}>
        <Flex gap={48} wrap align="center">
          <div>
            <div style={{ marginBottom: 4 }}>{f.asOf}</div>
            <DatePicker
              allowClear={false}
              value={data ? dayjs(data.asOf) : undefined}
              onChange={(v) => url.update({ asOf: v ? v.format('YYYY-MM-DD') : undefined })}
              data-testid="funds-as-of"
            />
          </div>
          <Statistic
            title={f.trialBalance}
            value={data ? formatYuan(data.trialBalance) : ''}
            valueRender={(v) => (
              <span data-testid="funds-trial-balance">
                {v}{' '}
                {data ? (
                  <Tag color={Number(data.trialBalance) === 0 ? 'green' : 'red'}>
                    {Number(data.trialBalance) === 0 ? f.balanced : f.unbalanced}
                  </Tag>
                ) : null}
              </span>
            )}
          />
        </Flex>
      </Card>
      <Card title={f.balances} style={{ marginBottom: 16 }}>
        <Table<FundBalance>
          rowKey="code"
          size="small"
          columns={fundColumns}
          dataSource={data?.funds ?? []}
          loading={funds.isFetching}
          pagination={false}
          data-testid="fund-table"
          onRow={(r) =>
            ({ 'data-testid': 'fund-row', 'data-code': r.code }) as HTMLAttributes<HTMLElement>
          }
        />
      </Card>
      <Card title={f.accounts}>
        <Table<LedgerAccount>
          rowKey="code"
          size="small"
          columns={accountColumns}
          dataSource={data?.accounts ?? []}
          loading={funds.isFetching}
          pagination={false}
          locale={{ emptyText: f.noAccounts }}
          data-testid="account-table"
        />
      </Card>
      <Modal
        open={toppingUp}
        title={f.topUp}
        onCancel={() => setToppingUp(false)}
        footer={null}
        destroyOnHidden
      >
        <TopUpForm funds={data?.funds ?? []} onDone={() => setToppingUp(false)} />
      </Modal>
    </div>
  );
}
