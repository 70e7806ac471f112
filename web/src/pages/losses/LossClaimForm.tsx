import { App as AntApp, Button, DatePicker, Form, Input, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { showFieldError } from '../../components/fieldErrors.ts';
import { useI18n } from '../../i18n/context.ts';
import { COLLATERALS, useFileClaim, YUAN, type Collateral } from './lossApi.ts';

/** The form's fields are named as the API names them, so its errors land on them. */
interface Values {
  loanContractNo?: string;
  guaranteeId?: string;
  lossDate?: Dayjs;
  principalLoss?: string;
  interestLoss?: string;
  amount?: string;
  collateral?: Collateral;
  evidence: string;
}

const FIELDS = [
  'loanContractNo',
  'guaranteeId',
  'lossDate',
  'principalLoss',
  'interestLoss',
  'amount',
  'collateral',
  'evidence',
] as const;

/**
 * Files a loss claim: a bank's on its defaulted or written-off loan (principal and
 * interest lost; from the claims page by the loan's contract number, or from the loan's
 * own page), a
 * guarantor's on its guarantee (the compensation it could not recover). The server
 * checks the loan's standing and the limits.
 */
export function LossClaimForm({
  claimant,
  loanContractNo,
  onDone,
}: {
  claimant: 'bank' | 'guarantor';
  /** A claim started from the loan's own page: the loan is fixed, not asked for. */
  loanContractNo?: string;
  onDone: () => void;
}) {
  const { t, lang } = useI18n();
  const l = t.losses;
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<Values>();
  const file = useFileClaim();
  const byBank = claimant === 'bank';
  const trimmed = (v: string | undefined) => v?.trim() ?? '';
  const money = [{ required: true, pattern: YUAN, message: l.amountRequired }];
  return (
    <Form<Values>
      form={form}
      layout="vertical"
      data-testid="loss-claim-form"
      onFinish={(v) => {
        const common = {
          lossDate: v.lossDate ? v.lossDate.format('YYYY-MM-DD') : '',
          evidence: v.evidence.trim(),
          ...(v.collateral ? { collateral: v.collateral } : {}),
        };
        const body = byBank
          ? {
              ...common,
              loanContractNo: loanContractNo ?? trimmed(v.loanContractNo),
              principalLoss: trimmed(v.principalLoss),
              ...(trimmed(v.interestLoss) ? { interestLoss: trimmed(v.interestLoss) } : {}),
            }
          : { ...common, guaranteeId: trimmed(v.guaranteeId), amount: trimmed(v.amount) };
        file.mutate(body, {
          onSuccess: () => {
            void message.success(l.saved);
            onDone();
          },
          onError: (e) => void showFieldError(form, e, FIELDS, lang),
        });
      }}
    >
      <p>{l.kinds[claimant]}</p>
      {byBank ? (
        loanContractNo === undefined ? (
          <Form.Item
            name="loanContractNo"
            label={l.loanContractNo}
            rules={[{ required: true, message: l.required }]}
          >
            <Input data-testid="loss-claim-subject" />
          </Form.Item>
        ) : null
      ) : (
        <Form.Item
          name="guaranteeId"
          label={l.guaranteeId}
          rules={[{ required: true, message: l.required }]}
        >
          <Input data-testid="loss-claim-subject" />
        </Form.Item>
      )}
      <Form.Item
        name="lossDate"
        label={l.lossDate}
        rules={[{ required: true, message: l.required }]}
      >
        <DatePicker data-testid="loss-claim-date" />
      </Form.Item>
      {byBank ? (
        <>
          <Form.Item name="principalLoss" label={l.principalLoss} rules={money}>
            <Input inputMode="decimal" data-testid="loss-claim-amount" />
          </Form.Item>
          <Form.Item
            name="interestLoss"
            label={l.interestLoss}
            rules={[{ pattern: YUAN, message: l.amountRequired }]}
          >
            <Input inputMode="decimal" data-testid="loss-claim-interest" />
          </Form.Item>
        </>
      ) : (
        <Form.Item name="amount" label={l.amount} rules={money}>
          <Input inputMode="decimal" data-testid="loss-claim-amount" />
        </Form.Item>
      )}
      <Form.Item name="collateral" label={l.collateral} extra={l.collateralHint}>
        <Select
          allowClear
          options={COLLATERALS.map((c) => ({ value: c, label: l.collaterals[c] ?? c }))}
          data-testid="loss-claim-collateral"
        />
      </Form.Item>
      <Form.Item
        name="evidence"
        label={l.evidence}
        rules={[{ required: true, message: l.required }]}
      >
        <Input.TextArea rows={2} maxLength={200} data-testid="loss-claim-evidence" />
      </Form.Item>
      {file.isError ? <ErrorAlert error={file.error} testId="loss-claim-error" /> : null}
      <Button
        type="primary"
        htmlType="submit"
        loading={file.isPending}
        data-testid="loss-claim-submit"
      >
        {l.submit}
      </Button>
    </Form>
  );
}
