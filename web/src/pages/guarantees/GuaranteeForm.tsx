import { App as AntApp, Button, DatePicker, Flex, Form, Input, Select, Switch } from 'antd';
import type { Dayjs } from 'dayjs';
import { BORROWER_KINDS, useCreateGuarantee } from '../../api/guarantees.ts';
import { useInstitutions } from '../../api/institutions.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { errorField, showFieldError } from '../../components/fieldErrors.ts';
import { useI18n } from '../../i18n/context.ts';

interface Values {
  contractNo: string;
  lenderId?: string;
  loanContractNo: string;
  feeRate: string;
  amount: string;
  startDate?: Dayjs;
  endDate?: Dayjs;
  borrowerKind?: string;
  inPoorTownship?: boolean;
}
const FIELDS = [
  'contractNo',
  'lenderId',
  'loanContractNo',
  'feeRate',
  'amount',
  'startDate',
  'endDate',
  'borrowerKind',
  'inPoorTownship',
] as const;
const YUAN = /^\d+(\.\d{1,2})?$/;
const PERCENT = /^\d+(\.\d{1,8})?$/;
const day = (d?: Dayjs) => (d ? d.format('YYYY-MM-DD') : '');

/** A guarantor records a guarantee contract of one bank loan. */
export function GuaranteeForm({ onDone }: { onDone: () => void }) {
  const { t, lang } = useI18n();
  const g = t.guarantees;
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateGuarantee();
  const banks = useInstitutions();
  const art22 = Form.useWatch('borrowerKind', form) !== undefined;
  const onFinish = (v: Values) =>
    create.mutate(
      {
        contractNo: v.contractNo.trim(),
        lenderId: v.lenderId ?? '',
        loanContractNo: v.loanContractNo.trim(),
        feeRate: v.feeRate.trim(),
        amount: v.amount.trim(),
        startDate: day(v.startDate),
        endDate: day(v.endDate),
        ...(v.borrowerKind === undefined
          ? {}
          : { borrowerKind: v.borrowerKind, inPoorTownship: v.inPoorTownship ?? false }),
      },
      {
        onSuccess: () => {
          void message.success(g.saved);
          form.resetFields();
          onDone();
        },
        onError: (e) => void showFieldError(form, e, FIELDS, lang),
      },
    );
  const required = { required: true, message: g.required };
  return (
    <Form<Values>
      form={form}
      layout="vertical"
      onFinish={onFinish}
      disabled={create.isPending}
      data-testid="guarantee-form"
    >
      {create.isError && !errorField(create.error, FIELDS) ? (
        <ErrorAlert error={create.error} testId="guarantee-form-error" />
      ) : null}
      <Form.Item label={g.contractNo} name="contractNo" rules={[required]}>
        <Input autoComplete="off" data-testid="guarantee-contract-no" />
      </Form.Item>
      <Form.Item label={g.lender} name="lenderId" rules={[required]}>
        <Select
          data-testid="guarantee-lender"
          loading={banks.isPending}
          options={(banks.data ?? [])
            .filter((b) => b.kind.endsWith('bank'))
            .map((b) => ({ value: b.id, label: lang === 'zh' ? b.nameZh : b.nameEn }))}
        />
      </Form.Item>
      <Form.Item label={g.loanContractNo} name="loanContractNo" rules={[required]}>
        <Input autoComplete="off" data-testid="guarantee-loan-contract-no" />
      </Form.Item>
      <Form.Item
        label={g.feeRate}
        name="feeRate"
        extra={g.feeRateHint}
        rules={[{ required: true, pattern: PERCENT, message: g.feeRateRequired }]}
      >
        <Input inputMode="decimal" autoComplete="off" data-testid="guarantee-fee-rate" />
      </Form.Item>
      <Form.Item
        label={g.amount}
        name="amount"
        rules={[{ required: true, pattern: YUAN, message: g.amountRequired }]}
      >
        <Input inputMode="decimal" autoComplete="off" data-testid="guarantee-amount" />
      </Form.Item>
      <Flex gap={16}>
        <Form.Item label={g.startDate} name="startDate" rules={[required]} style={{ flex: 1 }}>
          <DatePicker style={{ width: '100%' }} data-testid="guarantee-start" />
        </Form.Item>
        <Form.Item label={g.endDate} name="endDate" rules={[required]} style={{ flex: 1 }}>
          <DatePicker style={{ width: '100%' }} data-testid="guarantee-end" />
        </Form.Item>
      </Flex>
      <Form.Item label={g.borrowerKind} name="borrowerKind" extra={g.art22Hint}>
        <Select
          allowClear
          data-testid="guarantee-borrower-kind"
          options={BORROWER_KINDS.map((k) => ({ value: k, label: g.borrowerKinds[k] ?? k }))}
        />
      </Form.Item>
      {art22 ? (
        <Form.Item label={g.inPoorTownship} name="inPoorTownship" valuePropName="checked">
          <Switch data-testid="guarantee-poor-township" />
        </Form.Item>
      ) : null}
      <Button
        type="primary"
        htmlType="submit"
        loading={create.isPending}
        data-testid="guarantee-submit"
      >
        {g.save}
      </Button>
    </Form>
  );
}
