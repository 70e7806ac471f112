import { App as AntApp, Button, DatePicker, Flex, Form, Input, InputNumber, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useApplyLoan, useLoanProducts } from '../../api/loans.ts';
import type { LoanSummary } from '../../api/loanTypes.ts';
import { useCurrentUser } from '../../auth/UserContext.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { errorField, showFieldError } from '../../components/fieldErrors.ts';
import { formatYuan } from '../../components/format.ts';
import { useI18n } from '../../i18n/context.ts';
import { paths } from '../../paths.ts';
import { HouseholdPicker } from './HouseholdPicker.tsx';
import { RefusalAlert } from './RefusalAlert.tsx';

export interface ApplyPrefill {
  householdId?: string;
  amount?: string;
  needId?: string;
}

interface Values {
  productId?: string;
  householdId?: string;
  amount: string;
  annualRate: string;
  termMonths?: number;
  appliedOn?: Dayjs;
  contractNo: string;
}
const FIELDS = [
  'productId',
  'householdId',
  'amount',
  'annualRate',
  'termMonths',
  'appliedOn',
  'contractNo',
] as const;
const YUAN = /^\d+(\.\d{1,2})?$/;
const RATE = /^\d{1,2}(\.\d{1,6})?%?$/;

/** A bank officer's loan application; a refusal shows its failed conditions. */
export function ApplyForm({ prefill, onDone }: { prefill: ApplyPrefill; onDone: () => void }) {
  const { t, lang } = useI18n();
  const { message } = AntApp.useApp();
  const navigate = useNavigate();
  const user = useCurrentUser();
  const [form] = Form.useForm<Values>();
  const products = useLoanProducts();
  const apply = useApplyLoan();
  const [refused, setRefused] = useState<LoanSummary | null>(null);
  const productId = Form.useWatch('productId', form);
  const mine = (products.data ?? []).filter(
    (p) => p.active && (p.institutionId === null || p.institutionId === user.institutionId),
  );
  const chosen = mine.find((p) => p.id === productId);

  const onFinish = (v: Values) => {
    setRefused(null);
    apply.mutate(
      {
        productId: v.productId ?? '',
        householdId: v.householdId ?? '',
        amount: v.amount.trim(),
        annualRate: v.annualRate.trim(),
        termMonths: v.termMonths ?? 0,
        appliedOn: v.appliedOn ? v.appliedOn.format('YYYY-MM-DD') : '',
        contractNo: v.contractNo.trim(),
        ...(prefill.needId && v.householdId === prefill.householdId
          ? { needId: prefill.needId }
          : {}),
      },
      {
        onSuccess: (loan) => {
          if (loan.status === 'refused') {
            setRefused(loan);
            void message.warning(t.apply.refused);
            return;
          }
          void message.success(t.apply.applied);
          onDone();
          void navigate(paths.loan(loan.id));
        },
        onError: (e) => void showFieldError(form, e, FIELDS, lang),
      },
    );
  };

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      onFinish={onFinish}
      disabled={apply.isPending}
      initialValues={{
        householdId: prefill.householdId,
        amount: prefill.amount ?? '',
        appliedOn: dayjs(),
      }}
      data-testid="loan-apply-form"
    >
      {refused?.refusal?.length ? (
        <>
          <RefusalAlert refusal={refused.refusal} />
          <div style={{ marginBottom: 16 }}>
            <Link to={paths.loan(refused.id)} data-testid="loan-refusal-link">
              {t.apply.viewLoan}
            </Link>
          </div>
        </>
      ) : null}
      {apply.isError && !errorField(apply.error, FIELDS) ? (
        <ErrorAlert error={apply.error} testId="loan-apply-error" />
      ) : null}
      <Form.Item
        label={t.apply.product}
        name="productId"
        rules={[{ required: true, message: t.apply.productRequired }]}
        extra={
          chosen
            ? t.apply.productRange(
                formatYuan(chosen.minAmount),
                formatYuan(chosen.maxAmount),
                chosen.minTermMonths,
                chosen.maxTermMonths,
              )
            : undefined
        }
      >
        <Select
          data-testid="loan-apply-product"
          loading={products.isLoading}
          options={mine.map((p) => ({ value: p.id, label: lang === 'zh' ? p.nameZh : p.nameEn }))}
        />
      </Form.Item>
      <Form.Item
        label={t.needs.household}
        name="householdId"
        rules={[{ required: true, message: t.needs.householdRequired }]}
      >
        <HouseholdPicker testId="loan-apply-household" width="100%" />
      </Form.Item>
      <Flex gap={12}>
        <Form.Item
          label={t.loans.amount}
          name="amount"
          style={{ flex: 1 }}
          rules={[{ required: true, pattern: YUAN, message: t.loans.amountRequired }]}
        >
          <Input inputMode="decimal" autoComplete="off" data-testid="loan-apply-amount" />
        </Form.Item>
        <Form.Item
          label={t.apply.rate}
          name="annualRate"
          style={{ flex: 1 }}
          rules={[{ required: true, pattern: RATE, message: t.apply.rateRequired }]}
        >
          <Input inputMode="decimal" autoComplete="off" data-testid="loan-apply-rate" />
        </Form.Item>
        <Form.Item
          label={t.apply.term}
          name="termMonths"
          style={{ flex: 1 }}
          rules={[{ required: true, message: t.apply.termRequired }]}
        >
          <InputNumber
            min={1}
            max={600}
            precision={0}
            style={{ width: '100%' }}
            data-testid="loan-apply-term"
          />
        </Form.Item>
      </Flex>
      <Flex gap={12}>
        <Form.Item
          label={t.loans.appliedOn}
          name="appliedOn"
          style={{ flex: 1 }}
          rules={[{ required: true, message: t.loans.dateRequired }]}
        >
          <DatePicker style={{ width: '100%' }} data-testid="loan-apply-date" />
        </Form.Item>
        <Form.Item
          label={t.apply.contractNo}
          name="contractNo"
          style={{ flex: 1 }}
          rules={[{ required: true, whitespace: true, message: t.loans.textRequired }, { max: 64 }]}
        >
          <Input autoComplete="off" data-testid="loan-apply-contract" />
        </Form.Item>
      </Flex>
      <Flex justify="flex-end" gap={8}>
        <Button onClick={onDone}>{t.common.cancel}</Button>
        <Button
          type="primary"
          htmlType="submit"
          loading={apply.isPending}
          data-testid="loan-apply-submit"
        >
          {t.apply.submit}
        </Button>
      </Flex>
    </Form>
  );
}
