import { Button, Card, DatePicker, Empty, Flex, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import type { HTMLAttributes } from 'react';
import { useNeedBoard, useNeeds } from '../../api/loans.ts';
import type { NeedBoard, NeedBoardRow } from '../../api/loanTypes.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { formatYuan, today } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useUrlParams } from '../../components/useUrlParams.ts';
import { useI18n } from '../../i18n/context.ts';
import { HouseholdLink } from './loanBits.tsx';

type TownshipRow = NeedBoard['townships'][number];

/** The households of one village with a need still open or answered but not lent. */
function VillageHouseholds({ row, asOf }: { row: NeedBoardRow; asOf: string }) {
  const { t } = useI18n();
  const needs = useNeeds({ village: row.villageCode, to: asOf, page: 1, pageSize: 100 });
  const waiting = (needs.data?.items ?? []).filter(
    (n) => n.status === 'open' || n.status === 'responded',
  );
  const households = [...new Map(waiting.map((n) => [n.householdId, n])).values()];
  return (
    <Card
      size="small"
      title={t.board.householdsOf(row.villageName)}
      style={{ marginTop: 16 }}
      data-testid="need-board-households"
    >
      {needs.isError ? <ErrorAlert error={needs.error} /> : null}
      <Flex gap={16} wrap>
        {households.map((n) => (
          <span key={n.householdId} data-testid="need-board-household">
            <HouseholdLink id={n.householdId} />
            <Typography.Text type="secondary">{` ${formatYuan(n.amount)}`}</Typography.Text>
          </span>
        ))}
      </Flex>
    </Card>
  );
}

export function NeedBoardPage() {
  const { t } = useI18n();
  const url = useUrlParams();
  const asOf = url.get('asOf') ?? today();
  const villageCode = url.get('village');
  const board = useNeedBoard(asOf);
  const villagesOf = (township: string) =>
    (board.data?.rows ?? []).filter((r) => r.townshipCode === township);
  const selected = board.data?.rows.find((r) => r.villageCode === villageCode);

  const villageColumns: TableColumnsType<NeedBoardRow> = [
    {
      title: t.board.village,
      dataIndex: 'villageName',
      render: (v: string, r) => (
        <Button
          type="link"
          size="small"
          data-testid="need-board-village"
          onClick={() => url.update({ village: r.villageCode })}
        >
          {v}
        </Button>
      ),
    },
    { title: t.board.households, dataIndex: 'households', align: 'right', width: 120 },
    {
      title: t.board.amount,
      dataIndex: 'amount',
      align: 'right',
      width: 180,
      render: (v: string) => formatYuan(v),
    },
  ];
  const columns: TableColumnsType<TownshipRow> = [
    { title: t.board.township, dataIndex: 'townshipName' },
    {
      title: t.board.households,
      dataIndex: 'households',
      align: 'right',
      width: 120,
      render: (v: number) => <span data-testid="need-board-count">{v}</span>,
    },
    {
      title: t.board.amount,
      dataIndex: 'amount',
      align: 'right',
      width: 180,
      render: (v: string) => formatYuan(v),
    },
  ];

  return (
    <div data-testid="need-board">
      <PageHeader title={t.board.title} subtitle={t.board.subtitle} />
      <Card>
        <Flex gap={16} align="center" wrap style={{ marginBottom: 16 }}>
          <span>{t.board.asOf}</span>
          <DatePicker
            allowClear={false}
            value={dayjs(asOf)}
            onChange={(v) => v && url.update({ asOf: v.format('YYYY-MM-DD'), village: undefined })}
            data-testid="need-board-as-of"
          />
          {board.data ? (
            <Typography.Text strong data-testid="need-board-total">
              {t.board.totalIs(board.data.totalHouseholds)}
            </Typography.Text>
          ) : null}
        </Flex>
        {board.isError ? (
          <ErrorAlert error={board.error} onRetry={() => void board.refetch()} />
        ) : null}
        <Table<TownshipRow>
          rowKey="townshipCode"
          size="middle"
          columns={columns}
          dataSource={board.data?.townships ?? []}
          loading={board.isFetching}
          pagination={false}
          locale={{ emptyText: <Empty description={t.board.empty} /> }}
          onRow={(r) =>
            ({
              'data-testid': 'need-board-row',
              'data-township': r.townshipCode,
            }) as HTMLAttributes<HTMLElement>
          }
          expandable={{
            expandedRowRender: (r) => (
              <Table<NeedBoardRow>
                rowKey="villageCode"
                size="small"
                columns={villageColumns}
                dataSource={villagesOf(r.townshipCode)}
                pagination={false}
                onRow={(v) =>
                  ({
                    'data-testid': 'need-board-village-row',
                    'data-village': v.villageCode,
                  }) as HTMLAttributes<HTMLElement>
                }
              />
            ),
          }}
        />
        {selected ? <VillageHouseholds row={selected} asOf={asOf} /> : null}
      </Card>
    </div>
  );
}
