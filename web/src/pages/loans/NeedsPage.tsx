import { Button, Card, Flex, Modal, Select, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { useNeeds } from '../../api/loans.ts';
import {
  NEED_STATUSES,
  type FinancingNeed,
  type NeedQuery,
  type NeedStatus,
} from '../../api/loanTypes.ts';
import { useTownshipNames } from '../../api/regions.ts';
import { LOAN_OFFICERS, NEED_RECORDERS } from '../../auth/roles.ts';
import { useCurrentUser } from '../../auth/UserContext.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { formatDate, formatYuan } from '../../components/format.ts';
import { ListPagination } from '../../components/ListPagination.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { TownshipSelect, VillageSelect } from '../../components/RegionSelects.tsx';
import { oneOf, useUrlParams } from '../../components/useUrlParams.ts';
import { useI18n } from '../../i18n/context.ts';
import { ApplyForm, type ApplyPrefill } from './ApplyForm.tsx';
import { HouseholdPicker } from './HouseholdPicker.tsx';
import { HouseholdLink, NeedStatusTag, useInstitutionNames } from './loanBits.tsx';
import { NeedForm } from './NeedForm.tsx';
import { RespondForm } from './RespondForm.tsx';

type Dialog =
  | { kind: 'create' }
  | { kind: 'respond'; need: FinancingNeed }
  | { kind: 'apply'; prefill: ApplyPrefill };

export function NeedsPage() {
  const { t } = useI18n();
  const user = useCurrentUser();
  const url = useUrlParams();
  const query: NeedQuery = {
    householdId: url.get('household'),
    township: url.get('township'),
    village: url.get('village'),
    status: oneOf(NEED_STATUSES, url.get('status')),
    page: url.page,
    pageSize: url.pageSize,
  };
  const list = useNeeds(query);
  const townshipNames = useTownshipNames();
  const instNames = useInstitutionNames();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const close = () => setDialog(null);
  const canRecord = NEED_RECORDERS.includes(user.role);
  const isOfficer = LOAN_OFFICERS.includes(user.role);

  const columns: TableColumnsType<FinancingNeed> = [
    {
      title: t.needs.household,
      dataIndex: 'householdId',
      width: 200,
      render: (v: string) => <HouseholdLink id={v} />,
    },
    {
      title: t.regions.township,
      dataIndex: 'townshipCode',
      width: 110,
      render: (v: string) => townshipNames.get(v) ?? v,
    },
    {
      title: t.needs.amount,
      dataIndex: 'amount',
      width: 130,
      align: 'right',
      render: (v: string) => formatYuan(v),
    },
    { title: t.needs.purpose, dataIndex: 'purpose', width: 160 },
    { title: t.needs.industry, dataIndex: 'industry', width: 120 },
    { title: t.needs.recordedOn, dataIndex: 'recordedOn', width: 110, render: formatDate },
    {
      title: t.needs.status,
      dataIndex: 'status',
      width: 100,
      render: (v: NeedStatus) => <NeedStatusTag status={v} />,
    },
    {
      title: t.needs.response,
      dataIndex: 'responseText',
      width: 220,
      render: (v: string | null, r) =>
        v ? (
          <Typography.Text>
            {r.respondingInstitutionId
              ? `${instNames.get(r.respondingInstitutionId) ?? r.respondingInstitutionId}：`
              : ''}
            {v}
          </Typography.Text>
        ) : (
          t.common.empty
        ),
    },
  ];
  if (isOfficer) {
    columns.push({
      title: t.common.actions,
      key: 'actions',
      width: 180,
      fixed: 'right',
      render: (_: unknown, r) =>
        r.status === 'open' || r.status === 'responded' ? (
          <Flex gap={4}>
            <Button
              size="small"
              data-testid="need-respond"
              onClick={() => setDialog({ kind: 'respond', need: r })}
            >
              {t.needs.respond}
            </Button>
            <Button
              size="small"
              type="primary"
              data-testid="loan-apply"
              onClick={() =>
                setDialog({
                  kind: 'apply',
                  prefill: { householdId: r.householdId, amount: r.amount, needId: r.id },
                })
              }
            >
              {t.needs.apply}
            </Button>
          </Flex>
        ) : null,
    });
  }

  return (
    <div data-testid="needs-page">
      <PageHeader
        title={t.needs.title}
        subtitle={t.needs.subtitle}
        extra={
          <>
            {canRecord ? (
              <Button
                type="primary"
                data-testid="need-create"
                onClick={() => setDialog({ kind: 'create' })}
              >
                {t.needs.create}
              </Button>
            ) : null}
            {isOfficer ? (
              <Button
                data-testid="loan-apply-new"
                onClick={() => setDialog({ kind: 'apply', prefill: {} })}
              >
                {t.needs.apply}
              </Button>
            ) : null}
          </>
        }
      />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }} data-testid="need-filters">
          <HouseholdPicker
            testId="need-filter-household"
            placeholder={t.loans.householdSearch}
            value={query.householdId}
            onChange={(household) => url.update({ household })}
          />
          <TownshipSelect
            testId="need-filter-township"
            value={query.township}
            onChange={(township) => url.update({ township, village: undefined })}
          />
          <VillageSelect
            testId="need-filter-village"
            township={query.township}
            value={query.village}
            onChange={(village) => url.update({ village })}
          />
          <Select<NeedStatus | undefined>
            data-testid="need-filter-status"
            style={{ width: 140 }}
            allowClear
            placeholder={t.needs.anyStatus}
            value={query.status}
            onChange={(status) => url.update({ status })}
            options={NEED_STATUSES.map((s) => ({ value: s, label: t.needs.needStatus[s] ?? s }))}
          />
          <Button onClick={url.clear} data-testid="need-filter-reset">
            {t.common.reset}
          </Button>
        </Flex>
        {list.isError ? (
          <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
        ) : null}
        <div data-testid="need-table" data-loading={list.isFetching}>
          <Table<FinancingNeed>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={list.data?.items ?? []}
            loading={list.isFetching}
            pagination={false}
            scroll={{ x: 1300 }}
            onRow={(r) =>
              ({
                'data-testid': 'need-row',
                'data-need-id': r.id,
                'data-status': r.status,
              }) as HTMLAttributes<HTMLElement>
            }
          />
        </div>
        <ListPagination
          testId="need-pagination"
          page={query.page}
          pageSize={query.pageSize}
          total={list.data?.total ?? 0}
          onChange={(page, pageSize) =>
            url.update(pageSize !== query.pageSize ? { pageSize, page: 1 } : { page })
          }
        />
      </Card>
      <Modal
        open={dialog?.kind === 'create'}
        title={t.needs.create}
        onCancel={close}
        footer={null}
        destroyOnHidden
      >
        <NeedForm onDone={close} />
      </Modal>
      <Modal
        open={dialog?.kind === 'respond'}
        title={t.needs.respondTitle}
        onCancel={close}
        footer={null}
        destroyOnHidden
      >
        {dialog?.kind === 'respond' ? <RespondForm need={dialog.need} onDone={close} /> : null}
      </Modal>
      <Modal
        open={dialog?.kind === 'apply'}
        title={t.apply.title}
        onCancel={close}
        footer={null}
        width={640}
        destroyOnHidden
      >
        {dialog?.kind === 'apply' ? <ApplyForm prefill={dialog.prefill} onDone={close} /> : null}
      </Modal>
    </div>
  );
}
