import { Button, Descriptions, Drawer, Flex, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { useCurrentUser } from '../../auth/UserContext.ts';
import { formatDate, formatYuan } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { PagedRecordTable } from '../../components/PagedRecordTable.tsx';
import { useI18n } from '../../i18n/context.ts';
import { CheckClaim, RecordRecovery } from './LossClaimActions.tsx';
import { LossClaimForm } from './LossClaimForm.tsx';
import { PropertyPilots } from './PropertyPilots.tsx';
import { LOSS_CHECKERS, LOSS_PARTIES, useLossClaims, type LossClaim } from './lossApi.ts';

/** The product's sharing applies unless the approval found art. 19 pays (decision 0024). */
const byFund = (c: LossClaim) =>
  c.compensation === null || c.compensation.ruleId === 'art31.risk-compensation';

const STATUS_COLOR: Record<string, string> = { filed: 'gold', approved: 'green', rejected: 'red' };

/**
 * Loss compensation claims (arts. 11, 19, 22, 31; decisions 0023, 0024): a bank files one
 * on its defaulted or written-off loan, a guarantor on its unrecoverable compensation;
 * the district checks it, which fixes the rule that pays (art. 19's pilot, or the fund);
 * the settlement run pays it; the claimant records what it recovers afterwards. Below,
 * the art. 19 pilot register.
 */
export function LossClaimsPage() {
  const { t } = useI18n();
  const l = t.losses;
  const user = useCurrentUser();
  const claimant =
    user.role === 'bank_officer' ? 'bank' : user.role === 'guarantor' ? 'guarantor' : null;
  const canCheck = LOSS_CHECKERS.includes(user.role);
  const [page, setPage] = useState({ page: 1, pageSize: 50 });
  const [filing, setFiling] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);
  const list = useLossClaims(page.page, page.pageSize);
  const open = list.data?.items.find((c) => c.id === openId) ?? null;

  const columns: TableColumnsType<LossClaim> = [
    { title: l.loanContractNo, dataIndex: 'loanContractNo', width: 150 },
    { title: l.claimant, dataIndex: 'claimantName', width: 160 },
    { title: l.kind, dataIndex: 'claimant', width: 120, render: (k: string) => l.kinds[k] ?? k },
    { title: l.lossDate, dataIndex: 'lossDate', width: 110, render: formatDate },
    { title: l.loss, dataIndex: 'loss', align: 'right', width: 130, render: formatYuan },
    {
      title: l.fundPays,
      key: 'compensation',
      align: 'right',
      width: 190,
      // Approved: what the fixed rule pays, and who; before: the fund's share by the product.
      render: (_: unknown, c) =>
        c.compensation === null
          ? formatYuan(c.split.fund)
          : `${formatYuan(c.compensation.amount)}（${l.payers[c.compensation.payer] ?? c.compensation.payer}）`,
    },
    {
      title: l.status,
      dataIndex: 'status',
      width: 110,
      render: (s: string) => <Tag color={STATUS_COLOR[s]}>{l.statuses[s] ?? s}</Tag>,
    },
    { title: l.recovered, dataIndex: 'recovered', align: 'right', render: formatYuan },
  ];

  return (
    <div data-testid="loss-claims-page">
      <PageHeader
        title={l.title}
        subtitle={l.subtitle}
        extra={
          claimant ? (
            <Button type="primary" onClick={() => setFiling(true)} data-testid="loss-claim-add">
              {l.file}
            </Button>
          ) : null
        }
      />
      <PagedRecordTable
        testId="loss-claim"
        list={list}
        columns={columns}
        paging={page}
        onPaging={setPage}
        onOpen={(r) => setOpenId(r.id)}
      />
      <PropertyPilots />
      <Drawer
        open={filing}
        onClose={() => setFiling(false)}
        title={l.file}
        width={560}
        destroyOnHidden
      >
        {claimant ? <LossClaimForm claimant={claimant} onDone={() => setFiling(false)} /> : null}
      </Drawer>
      <Drawer
        open={open !== null}
        onClose={() => setOpenId(null)}
        title={open?.loanContractNo ?? ''}
        width={720}
        destroyOnHidden
      >
        {open === null ? null : (
          <Flex vertical gap={12} data-testid="loss-claim-detail">
            <Descriptions size="small" column={2} bordered>
              <Descriptions.Item label={l.principalLoss}>
                {formatYuan(open.principalLoss)}
              </Descriptions.Item>
              <Descriptions.Item label={l.interestLoss}>
                {formatYuan(open.interestLoss)}
              </Descriptions.Item>
              <Descriptions.Item label={l.evidence} span={2}>
                {open.evidence}
              </Descriptions.Item>
              <Descriptions.Item label={l.collateral} span={2}>
                {l.collaterals[open.collateral] ?? open.collateral}
              </Descriptions.Item>
              {open.compensation === null ? null : (
                <Descriptions.Item label={l.compensationRule} span={2}>
                  <span data-testid="loss-claim-rule">
                    {l.rules[open.compensation.ruleId] ?? open.compensation.ruleId}：
                    {formatYuan(open.compensation.amount)}
                  </span>
                </Descriptions.Item>
              )}
              {byFund(open) ? (
                <>
                  {LOSS_PARTIES.map((p) => (
                    <Descriptions.Item key={p} label={`${l.split}：${l.parties[p] ?? p}`}>
                      <span data-testid={`loss-split-${p}`}>
                        {formatYuan(open.split[p])}（{open.shares[p]}%）
                      </span>
                    </Descriptions.Item>
                  ))}
                  <Descriptions.Item label={l.sharesFrom} span={2}>
                    {open.sharesFrom === null ? l.defaultShares : formatDate(open.sharesFrom)}
                  </Descriptions.Item>
                </>
              ) : null}
              <Descriptions.Item label={l.status} span={2}>
                {l.statuses[open.status] ?? open.status}
                {open.checkNote ? ` · ${open.checkNote}` : ''}
              </Descriptions.Item>
            </Descriptions>
            {canCheck && open.status === 'filed' ? <CheckClaim claim={open} /> : null}
            {claimant && open.status === 'approved' ? <RecordRecovery claim={open} /> : null}
          </Flex>
        )}
      </Drawer>
    </div>
  );
}
