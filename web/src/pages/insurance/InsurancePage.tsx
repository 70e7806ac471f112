import { Button, Drawer, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import {
  INSURANCE_WRITERS,
  useInsurancePolicies,
  type InsurancePolicy,
} from '../../api/insurance.ts';
import { useCurrentUser } from '../../auth/UserContext.ts';
import { formatDate, formatYuan } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { PagedRecordTable } from '../../components/PagedRecordTable.tsx';
import { useI18n } from '../../i18n/context.ts';
import { PolicyClaims } from './PolicyClaims.tsx';
import { PolicyForm } from './PolicyForm.tsx';

/**
 * Insurance policies (arts. 24, 26): the insurer records its policies on households with
 * the premium and the subsidies already applied, and the claims it paid; district offices
 * read them all. Settlement prices each policy in the run holding its premium date.
 */
export function InsurancePage() {
  const { t } = useI18n();
  const s = t.insurance;
  const user = useCurrentUser();
  const canWrite = INSURANCE_WRITERS.includes(user.role);
  const [page, setPage] = useState({ page: 1, pageSize: 50 });
  const [adding, setAdding] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);
  const list = useInsurancePolicies(page.page, page.pageSize);
  const open = list.data?.items.find((p) => p.id === openId) ?? null;

  const money = (v: string) => formatYuan(v);
  const columns: TableColumnsType<InsurancePolicy> = [
    { title: s.policyNo, dataIndex: 'policyNo', width: 160 },
    {
      title: s.scheme,
      dataIndex: 'scheme',
      width: 170,
      render: (v: string) => <Tag>{s.schemes[v] ?? v}</Tag>,
    },
    {
      title: s.product,
      dataIndex: 'product',
      width: 130,
      render: (v: string) => s.products[v] ?? v,
    },
    { title: s.premium, dataIndex: 'premium', align: 'right', width: 120, render: money },
    {
      title: s.householdShare,
      dataIndex: 'householdShare',
      align: 'right',
      width: 120,
      render: money,
    },
    { title: s.premiumDate, dataIndex: 'premiumDate', width: 120, render: formatDate },
    {
      title: s.claims,
      key: 'claims',
      align: 'right',
      render: (_: unknown, r) => String(r.claims.length),
    },
  ];

  return (
    <div data-testid="insurance-page">
      <PageHeader
        title={s.title}
        subtitle={s.subtitle}
        extra={
          canWrite ? (
            <Button type="primary" onClick={() => setAdding(true)} data-testid="policy-add">
              {s.add}
            </Button>
          ) : null
        }
      />
      <PagedRecordTable
        testId="policy"
        list={list}
        columns={columns}
        paging={page}
        onPaging={setPage}
        onOpen={(r) => setOpenId(r.id)}
        rowData={(r) => ({ 'data-policy-no': r.policyNo })}
      />
      <Drawer
        open={adding}
        onClose={() => setAdding(false)}
        title={s.add}
        width={720}
        destroyOnHidden
      >
        <PolicyForm onDone={() => setAdding(false)} />
      </Drawer>
      <Drawer
        open={open !== null}
        onClose={() => setOpenId(null)}
        title={open === null ? '' : s.detail(open.policyNo)}
        width={720}
        destroyOnHidden
      >
        {open === null ? null : <PolicyClaims policy={open} canWrite={canWrite} />}
      </Drawer>
    </div>
  );
}
