import { Button, Card, Modal, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { useLoanProducts } from '../../api/loans.ts';
import type { Role } from '../../api/types.ts';
import { LOAN_READERS } from '../../auth/roles.ts';
import { RequireRole } from '../../auth/RequireRole.tsx';
import { useCurrentUser } from '../../auth/UserContext.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { formatYuan } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useI18n } from '../../i18n/context.ts';
import { useInstitutionNames } from './loanBits.tsx';
import type { FullProduct } from './productApi.ts';
import { ProductForm } from './ProductForm.tsx';

/** loan-product.create and .update are theirs (src/app/loans/products.ts). */
const PRODUCT_EDITORS: readonly Role[] = ['district_admin', 'financial_office'];

type Dialog = { kind: 'create' } | { kind: 'edit'; product: FullProduct };

/** 贷款产品: every product's settings; the district admin and financial office edit them. */
export function LoanProductsPage() {
  const { t, lang } = useI18n();
  const m = t.loanProducts;
  const me = useCurrentUser();
  // the list returns every setting; the shared type declares only what other pages use
  const list = useLoanProducts() as ReturnType<typeof useLoanProducts> & { data?: FullProduct[] };
  const institutions = useInstitutionNames();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const close = () => setDialog(null);
  const canEdit = PRODUCT_EDITORS.includes(me.role);

  const columns: TableColumnsType<FullProduct> = [
    { title: m.code, dataIndex: 'code', width: 130 },
    {
      title: m.name,
      key: 'name',
      width: 220,
      render: (_: unknown, p) => (lang === 'zh' ? p.nameZh : p.nameEn),
    },
    {
      title: m.category,
      dataIndex: 'category',
      width: 160,
      render: (v: string) => m.categories[v] ?? v,
    },
    {
      title: m.institution,
      dataIndex: 'institutionId',
      width: 160,
      render: (v: string | null) => (v ? (institutions.get(v) ?? v) : m.anyInstitution),
    },
    {
      title: m.amountRange,
      key: 'amount',
      width: 200,
      render: (_: unknown, p) => `${formatYuan(p.minAmount)} – ${formatYuan(p.maxAmount)}`,
    },
    {
      title: m.termRange,
      key: 'term',
      width: 110,
      render: (_: unknown, p) => `${String(p.minTermMonths)}–${String(p.maxTermMonths)}`,
    },
    {
      title: m.method,
      dataIndex: 'method',
      width: 140,
      render: (v: string) => m.methods[v] ?? v,
    },
    { title: m.graceMonths, dataIndex: 'graceMonths', width: 100, align: 'right' },
    {
      title: m.active,
      dataIndex: 'active',
      width: 80,
      render: (v: boolean) => <Tag color={v ? 'green' : 'default'}>{v ? m.on : m.off}</Tag>,
    },
  ];
  if (canEdit) {
    columns.push({
      title: t.common.actions,
      key: 'actions',
      width: 90,
      fixed: 'right',
      render: (_: unknown, p) => (
        <Button
          size="small"
          data-testid="product-edit"
          onClick={() => setDialog({ kind: 'edit', product: p })}
        >
          {t.common.edit}
        </Button>
      ),
    });
  }

  return (
    <div data-testid="loan-products-page">
      <PageHeader
        title={m.title}
        subtitle={m.subtitle}
        extra={
          canEdit ? (
            <Button
              type="primary"
              data-testid="product-create"
              onClick={() => setDialog({ kind: 'create' })}
            >
              {m.create}
            </Button>
          ) : null
        }
      />
      <RequireRole user={me} roles={LOAN_READERS} message={t.errors.forbidden}>
        <Card>
          {list.isError ? <ErrorAlert error={list.error} /> : null}
          <Table<FullProduct>
            rowKey="id"
            size="small"
            loading={list.isLoading}
            columns={columns}
            dataSource={list.data ?? []}
            pagination={false}
            scroll={{ x: 1300 }}
            onRow={(p) =>
              ({ 'data-testid': 'product-row', 'data-code': p.code }) as HTMLAttributes<HTMLElement>
            }
          />
        </Card>
      </RequireRole>
      <Modal
        open={dialog !== null}
        title={dialog?.kind === 'edit' ? m.editTitle(dialog.product.code) : m.create}
        onCancel={close}
        footer={null}
        width={860}
        destroyOnHidden
      >
        {dialog ? (
          <ProductForm
            key={dialog.kind === 'edit' ? dialog.product.id : 'new'}
            {...(dialog.kind === 'edit' ? { product: dialog.product } : {})}
            onDone={close}
          />
        ) : null}
      </Modal>
    </div>
  );
}
