import { Button, Drawer, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { GUARANTEE_WRITERS, useGuarantees, type Guarantee } from '../../api/guarantees.ts';
import { useCurrentUser } from '../../auth/UserContext.ts';
import { formatDate, formatYuan } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { PagedRecordTable } from '../../components/PagedRecordTable.tsx';
import { useI18n } from '../../i18n/context.ts';
import { GuaranteeForm } from './GuaranteeForm.tsx';
import { GuaranteeRecords } from './GuaranteeRecords.tsx';

/**
 * Guarantee contracts (arts. 12, 20, 22): the guarantor records its guarantees of bank
 * loans, each year's new guarantee amount, and its compensations and recoveries;
 * district offices read them all.
 */
export function GuaranteesPage() {
  const { t } = useI18n();
  const g = t.guarantees;
  const user = useCurrentUser();
  const canWrite = GUARANTEE_WRITERS.includes(user.role);
  const [page, setPage] = useState({ page: 1, pageSize: 50 });
  const [adding, setAdding] = useState(false);
  const [open, setOpen] = useState<Guarantee | null>(null);
  const list = useGuarantees(page.page, page.pageSize);

  const columns: TableColumnsType<Guarantee> = [
    { title: g.contractNo, dataIndex: 'contractNo', width: 160 },
    { title: g.loanContractNo, dataIndex: 'loanContractNo', width: 160 },
    {
      title: g.feeRate,
      dataIndex: 'feeRate',
      align: 'right',
      width: 100,
      render: (v) => `${String(v)}%`,
    },
    {
      title: g.amount,
      dataIndex: 'amount',
      align: 'right',
      width: 150,
      render: (v: string) => formatYuan(v),
    },
    {
      title: g.term,
      key: 'term',
      width: 220,
      render: (_: unknown, r) => `${formatDate(r.startDate)} – ${formatDate(r.endDate)}`,
    },
    {
      title: g.borrowerKind,
      dataIndex: 'borrowerKind',
      render: (v: string | null) =>
        v === null ? t.common.empty : <Tag>{g.borrowerKinds[v] ?? v}</Tag>,
    },
  ];

  return (
    <div data-testid="guarantees-page">
      <PageHeader
        title={g.title}
        subtitle={g.subtitle}
        extra={
          canWrite ? (
            <Button type="primary" onClick={() => setAdding(true)} data-testid="guarantee-add">
              {g.add}
            </Button>
          ) : null
        }
      />
      <PagedRecordTable
        testId="guarantee"
        list={list}
        columns={columns}
        paging={page}
        onPaging={setPage}
        onOpen={setOpen}
      />
      <Drawer
        open={adding}
        onClose={() => setAdding(false)}
        title={g.add}
        width={720}
        destroyOnHidden
      >
        <GuaranteeForm onDone={() => setAdding(false)} />
      </Drawer>
      <Drawer
        open={open !== null}
        onClose={() => setOpen(null)}
        title={open === null ? '' : g.detail(open.contractNo)}
        width={720}
        destroyOnHidden
      >
        {open === null ? null : <GuaranteeRecords id={open.id} canWrite={canWrite} />}
      </Drawer>
    </div>
  );
}
