import {
  Alert,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Drawer,
  Flex,
  Select,
  Statistic,
} from 'antd';
import type { DescriptionsProps } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useLocation, useParams, useSearchParams } from 'react-router';
import { useLoan } from '../../api/loans.ts';
import { useCurrentUser } from '../../auth/UserContext.ts';
import type { LoanDetail } from '../../api/loanTypes.ts';
import { fillLast, formatDate, formatYuan, today } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { useBackToList } from '../../components/useBackToList.ts';
import { useI18n } from '../../i18n/context.ts';
import { paths } from '../../paths.ts';
import { LossClaimForm } from '../losses/LossClaimForm.tsx';
import { LoanSubsidies } from '../settlement/LoanSubsidies.tsx';
import { LoanActions } from './LoanActions.tsx';
import { LoanEventsCard } from './LoanEventsCard.tsx';
import { RefusalAlert } from './RefusalAlert.tsx';
import { RepaymentsTable, ScheduleTable } from './LoanTables.tsx';
import {
  HouseholdLink,
  LoanClassTag,
  LoanStatusTag,
  useInstitutionNames,
  useProductNames,
} from './loanBits.tsx';

function Facts({ d }: { d: LoanDetail }) {
  const { t } = useI18n();
  const inst = useInstitutionNames();
  const products = useProductNames();
  const l = d.loan;
  const date = (v: string | null) => formatDate(v) || t.common.empty;
  const items: DescriptionsProps['items'] = [
    { key: 'no', label: t.loans.contractNo, children: l.contractNo },
    { key: 'borrower', label: t.loans.borrower, children: <HouseholdLink id={l.householdId} /> },
    {
      key: 'lender',
      label: t.loans.lender,
      children: inst.get(l.institutionId) ?? l.institutionId,
    },
    { key: 'product', label: t.loans.product, children: products.get(l.productId) ?? l.productId },
    {
      key: 'amount',
      label: t.loans.amount,
      children: <span data-testid="loan-amount">{formatYuan(l.amount)}</span>,
    },
    { key: 'rate', label: t.loans.rate, children: t.loans.ratePercent(l.annualRate) },
    { key: 'term', label: t.loans.term, children: t.loans.termMonths(l.termMonths) },
    { key: 'applied', label: t.loans.appliedOn, children: date(l.appliedOn) },
    { key: 'contract', label: t.loans.contractDate, children: date(l.contractDate) },
    { key: 'disbursed', label: t.loans.disbursedOn, children: date(l.disbursedOn) },
    { key: 'maturity', label: t.loans.maturityDate, children: date(l.maturityDate) },
    { key: 'status', label: t.loans.status, children: <LoanStatusTag status={l.status} /> },
  ];
  return (
    <Card title={t.loans.facts} style={{ marginBottom: 16 }}>
      <Descriptions
        items={fillLast(items)}
        column={{ xs: 1, sm: 2, lg: 3 }}
        size="small"
        data-testid="loan-facts"
      />
    </Card>
  );
}

function Standing({ d, onAsOf }: { d: LoanDetail; onAsOf: (v: string) => void }) {
  const { t } = useI18n();
  return (
    <Card style={{ marginBottom: 16 }}>
      <Flex gap={32} wrap align="center">
        <div>
          <div style={{ marginBottom: 4 }}>{t.loans.asOf}</div>
          <DatePicker
            allowClear={false}
            value={dayjs(d.asOf)}
            onChange={(v) => v && onAsOf(v.format('YYYY-MM-DD'))}
            data-testid="loan-as-of"
          />
        </div>
        <Statistic
          title={t.loans.outstanding}
          value={formatYuan(d.outstandingPrincipal)}
          valueRender={(v) => <span data-testid="loan-outstanding">{v}</span>}
        />
        <Statistic
          title={t.loans.dpd}
          value={d.daysPastDue}
          valueRender={(v) => <span data-testid="loan-dpd">{v}</span>}
        />
        <Statistic
          title={t.loanEvents.bucket}
          value={d.bucket}
          valueRender={(v) => <span data-testid="loan-bucket">{v}</span>}
        />
        <div>
          <div style={{ marginBottom: 4 }}>{t.loans.classification}</div>
          <LoanClassTag cls={d.classification} />
        </div>
        <Statistic
          title={t.loanEvents.interestOwed}
          value={formatYuan(d.interestOwed)}
          valueRender={(v) => <span data-testid="loan-interest-owed">{v}</span>}
        />
        <Statistic
          title={t.loanEvents.penaltyOwed}
          value={formatYuan(d.penaltyOwed)}
          valueRender={(v) => <span data-testid="loan-penalty-owed">{v}</span>}
        />
        <div>
          {d.penaltyRate === null
            ? t.loanEvents.noPenalty
            : t.loanEvents.penaltyRate(d.penaltyRate)}
        </div>
      </Flex>
    </Card>
  );
}

/** The written-off amounts and what was recovered since, once a write-off is approved. */
function WriteOffAlert({ d }: { d: LoanDetail }) {
  const { t } = useI18n();
  const w = d.writeOff;
  if (!w) return null;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      message={t.loanEvents.writeOffTitle(formatDate(w.on))}
      description={t.loanEvents.writeOffBody(
        formatYuan(w.principal),
        formatYuan(w.interest),
        formatYuan(w.penalty),
        formatYuan(w.total),
        formatYuan(w.recovered),
      )}
      data-testid="loan-write-off"
    />
  );
}

/** Older schedule versions stay readable: pick one (default: the one in force on asOf). */
function VersionPicker({ d, onPick }: { d: LoanDetail; onPick: (v: number | null) => void }) {
  const { t } = useI18n();
  if (d.scheduleVersions.length < 2) return null;
  return (
    <Flex gap={8} align="center" style={{ marginBottom: 8 }}>
      <span>{t.loanEvents.scheduleVersion}</span>
      <Select<number>
        value={d.scheduleVersion}
        style={{ minWidth: 220 }}
        onChange={onPick}
        options={d.scheduleVersions.map((v) => ({
          value: v.version,
          label: t.loanEvents.versionLabel(v.version, formatDate(v.effectiveOn)),
        }))}
        data-testid="loan-schedule-version"
      />
    </Flex>
  );
}

/**
 * The lending bank's officer claims the loss on a written-off or non-performing loan
 * from its page (arts. 11, 19, 31; decisions 0023, 0024).
 */
function ClaimLoss({ d }: { d: LoanDetail }) {
  const { t } = useI18n();
  const user = useCurrentUser();
  const [open, setOpen] = useState(false);
  const lost = d.writeOff !== null || NON_PERFORMING.includes(d.classification);
  if (user.role !== 'bank_officer' || user.institutionId !== d.loan.institutionId || !lost) {
    return null;
  }
  return (
    <>
      <Button onClick={() => setOpen(true)} data-testid="loan-claim-loss">
        {t.losses.file}
      </Button>
      <Drawer
        open={open}
        onClose={() => setOpen(false)}
        title={t.losses.file}
        width={560}
        destroyOnHidden
      >
        <LossClaimForm
          claimant="bank"
          loanContractNo={d.loan.contractNo}
          onDone={() => setOpen(false)}
        />
      </Drawer>
    </>
  );
}

const NON_PERFORMING: readonly string[] = ['substandard', 'doubtful', 'loss'];

export function LoanDetailPage() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const [sp, setSp] = useSearchParams();
  const location = useLocation();
  const asOf = sp.get('asOf') || today();
  const version = Number(sp.get('version')) || undefined;
  const back = useBackToList(paths.loans);
  const loan = useLoan(id, asOf, version);
  const setParams = (next: Record<string, string>) =>
    setSp(next, { replace: true, state: location.state });

  return (
    <div data-testid="loan-detail">
      <QueryState query={loan}>
        {(d) => (
          <>
            <PageHeader
              title={t.loans.detailTitle(d.loan.contractNo)}
              subtitle={
                d.loan.needId ? (
                  <Link to={`${paths.needs}?household=${encodeURIComponent(d.loan.householdId)}`}>
                    {t.loans.needLink}
                  </Link>
                ) : undefined
              }
              extra={
                <Flex gap={8}>
                  <Button onClick={back} data-testid="back-button">
                    {t.common.back}
                  </Button>
                  <LoanActions loan={d.loan} />
                  <ClaimLoss d={d} />
                </Flex>
              }
            />
            {d.loan.status === 'refused' && d.loan.refusal?.length ? (
              <RefusalAlert refusal={d.loan.refusal} />
            ) : null}
            <Facts d={d} />
            <WriteOffAlert d={d} />
            <Standing d={d} onAsOf={(v) => setParams({ asOf: v })} />
            <VersionPicker
              d={d}
              onPick={(v) => setParams(v === null ? { asOf } : { asOf, version: String(v) })}
            />
            <ScheduleTable rows={d.schedule} instalments={d.instalments} />
            <RepaymentsTable rows={d.repayments} />
            <LoanSubsidies loanId={d.loan.id} />
            {d.scheduleVersions.length > 0 ? (
              // The web LoanStatus union has no 'written_off' yet (loanBits colours by it).
              <LoanEventsCard loan={d.loan} writtenOff={String(d.loan.status) === 'written_off'} />
            ) : null}
          </>
        )}
      </QueryState>
    </div>
  );
}
