import { App as AntApp, Button, DatePicker, Flex, Form, Input, Modal, Popconfirm } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useApproveLoan, useDisburseLoan, useRecordRepayment } from '../../api/loans.ts';
import type { LoanSummary } from '../../api/loanTypes.ts';
import { useCurrentUser } from '../../auth/UserContext.ts';
import { ErrorAlert, errorText } from '../../components/ErrorAlert.tsx';
import { errorField, showFieldError } from '../../components/fieldErrors.ts';
import { useI18n } from '../../i18n/context.ts';

const ymd = (d: Dayjs | undefined) => (d ? d.format('YYYY-MM-DD') : '');
const YUAN = /^\d+(\.\d{1,2})?$/;

interface DisburseValues {
  contractDate?: Dayjs;
  disbursedOn?: Dayjs;
}
const DISBURSE_FIELDS = ['contractDate', 'disbursedOn'] as const;

function DisburseForm({ loan, onDone }: { loan: LoanSummary; onDone: () => void }) {
  const { t, lang } = useI18n();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<DisburseValues>();
  const disburse = useDisburseLoan(loan.id);
  const onFinish = (v: DisburseValues) =>
    disburse.mutate(
      { contractDate: ymd(v.contractDate), disbursedOn: ymd(v.disbursedOn) },
      {
        onSuccess: () => {
          void message.success(t.loans.disbursed);
          onDone();
        },
        onError: (e) => void showFieldError(form, e, DISBURSE_FIELDS, lang),
      },
    );
  const required = [{ required: true, message: t.loans.dateRequired }];
  return (
    <Form<DisburseValues>
      form={form}
      layout="vertical"
      onFinish={onFinish}
      disabled={disburse.isPending}
      data-testid="loan-disburse-form"
    >
      {disburse.isError && !errorField(disburse.error, DISBURSE_FIELDS) ? (
        <ErrorAlert error={disburse.error} testId="loan-disburse-error" />
      ) : null}
      <Form.Item label={t.loans.contractDate} name="contractDate" rules={required}>
        <DatePicker style={{ width: '100%' }} data-testid="loan-disburse-contract-date" />
      </Form.Item>
      <Form.Item label={t.loans.disbursedOn} name="disbursedOn" rules={required}>
        <DatePicker style={{ width: '100%' }} data-testid="loan-disburse-date" />
      </Form.Item>
      <Flex justify="flex-end" gap={8}>
        <Button onClick={onDone}>{t.common.cancel}</Button>
        <Button
          type="primary"
          htmlType="submit"
          loading={disburse.isPending}
          data-testid="loan-disburse-submit"
        >
          {t.loans.disburse}
        </Button>
      </Flex>
    </Form>
  );
}

interface RepayValues {
  paidOn?: Dayjs;
  amount: string;
  bankTxnId: string;
}
const REPAY_FIELDS = ['paidOn', 'amount', 'bankTxnId'] as const;

function RepayForm({ loan, onDone }: { loan: LoanSummary; onDone: () => void }) {
  const { t, lang } = useI18n();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<RepayValues>();
  const repay = useRecordRepayment(loan.id);
  const onFinish = (v: RepayValues) =>
    repay.mutate(
      { paidOn: ymd(v.paidOn), amount: v.amount.trim(), bankTxnId: v.bankTxnId.trim() },
      {
        onSuccess: () => {
          void message.success(t.loans.repaid);
          onDone();
        },
        onError: (e) => void showFieldError(form, e, REPAY_FIELDS, lang),
      },
    );
  return (
    <Form<RepayValues>
      form={form}
      layout="vertical"
      onFinish={onFinish}
      disabled={repay.isPending}
      data-testid="loan-repay-form"
    >
      {repay.isError && !errorField(repay.error, REPAY_FIELDS) ? (
        <ErrorAlert error={repay.error} testId="loan-repay-error" />
      ) : null}
      <Form.Item
        label={t.loans.paidOn}
        name="paidOn"
        rules={[{ required: true, message: t.loans.dateRequired }]}
      >
        <DatePicker style={{ width: '100%' }} data-testid="loan-repay-date" />
      </Form.Item>
      <Form.Item
        label={t.loans.repaidAmount}
        name="amount"
        rules={[{ required: true, pattern: YUAN, message: t.loans.amountRequired }]}
      >
        <Input inputMode="decimal" autoComplete="off" data-testid="loan-repay-amount" />
      </Form.Item>
      <Form.Item
        label={t.loans.bankTxnId}
        name="bankTxnId"
        rules={[{ required: true, whitespace: true, message: t.loans.textRequired }, { max: 64 }]}
      >
        <Input autoComplete="off" data-testid="loan-repay-txn" />
      </Form.Item>
      <Flex justify="flex-end" gap={8}>
        <Button onClick={onDone}>{t.common.cancel}</Button>
        <Button
          type="primary"
          htmlType="submit"
          loading={repay.isPending}
          data-testid="loan-repay-submit"
        >
          {t.loans.repay}
        </Button>
      </Flex>
    </Form>
  );
}

/** Approve / disburse / record a repayment: only for a bank officer of the lender. */
export function LoanActions({ loan }: { loan: LoanSummary }) {
  const { t, lang } = useI18n();
  const { message } = AntApp.useApp();
  const user = useCurrentUser();
  const approve = useApproveLoan(loan.id);
  const [open, setOpen] = useState<'disburse' | 'repay' | null>(null);
  if (user.role !== 'bank_officer' || user.institutionId !== loan.institutionId) return null;
  const close = () => setOpen(null);
  return (
    <>
      {loan.status === 'applied' ? (
        <Popconfirm
          title={t.loans.approveConfirm}
          onConfirm={() =>
            approve.mutate(undefined, {
              onSuccess: () => void message.success(t.loans.approved),
              onError: (e) => void message.error(errorText(e, lang)),
            })
          }
        >
          <Button type="primary" loading={approve.isPending} data-testid="loan-approve">
            {t.loans.approve}
          </Button>
        </Popconfirm>
      ) : null}
      {loan.status === 'approved' ? (
        <Button type="primary" onClick={() => setOpen('disburse')} data-testid="loan-disburse">
          {t.loans.disburse}
        </Button>
      ) : null}
      {loan.status === 'disbursed' ? (
        <Button type="primary" onClick={() => setOpen('repay')} data-testid="loan-repay">
          {t.loans.repay}
        </Button>
      ) : null}
      <Modal
        open={open === 'disburse'}
        title={t.loans.disburse}
        onCancel={close}
        footer={null}
        destroyOnHidden
      >
        <DisburseForm loan={loan} onDone={close} />
      </Modal>
      <Modal
        open={open === 'repay'}
        title={t.loans.repay}
        onCancel={close}
        footer={null}
        destroyOnHidden
      >
        <RepayForm loan={loan} onDone={close} />
      </Modal>
    </>
  );
}
