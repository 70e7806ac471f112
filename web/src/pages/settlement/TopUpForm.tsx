import { App as AntApp, Button, DatePicker, Flex, Form, Input, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { SOURCE_CODES, useTopUp, type FundBalance, type SourceCode } from '../../api/settlement.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { errorField, showFieldError } from '../../components/fieldErrors.ts';
import { useI18n } from '../../i18n/context.ts';

interface TopUpValues {
  fund?: string;
  source?: SourceCode;
  amount: string;
  postedOn?: Dayjs;
  memo: string;
}
const FIELDS = ['fund', 'source', 'amount', 'postedOn', 'memo'] as const;
const YUAN = /^\d+(\.\d{1,2})?$/;

/** Posts money into a fund from where it came (Dr fund / Cr source). */
export function TopUpForm({ funds, onDone }: { funds: FundBalance[]; onDone: () => void }) {
  const { t, lang } = useI18n();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<TopUpValues>();
  const topUp = useTopUp();
  const f = t.funds;
  const onFinish = (v: TopUpValues) =>
    topUp.mutate(
      {
        fund: v.fund ?? '',
        source: v.source ?? SOURCE_CODES[0],
        amount: v.amount.trim(),
        postedOn: v.postedOn ? v.postedOn.format('YYYY-MM-DD') : '',
        memo: v.memo.trim(),
      },
      {
        onSuccess: () => {
          void message.success(f.toppedUp);
          onDone();
        },
        onError: (e) => void showFieldError(form, e, FIELDS, lang),
      },
    );
  const required = { required: true, message: f.required };
  return (
    <Form<TopUpValues>
      form={form}
      layout="vertical"
      onFinish={onFinish}
      disabled={topUp.isPending}
      data-testid="fund-top-up-form"
    >
      {topUp.isError && !errorField(topUp.error, FIELDS) ? (
        <ErrorAlert error={topUp.error} testId="fund-top-up-error" />
      ) : null}
      <Form.Item label={f.fund} name="fund" rules={[required]}>
        <Select
          data-testid="fund-top-up-fund"
          options={funds.map((x) => ({
            value: x.code,
            label: lang === 'zh' ? x.nameZh : x.nameEn,
          }))}
        />
      </Form.Item>
      <Form.Item label={f.source} name="source" rules={[required]}>
        <Select
          data-testid="fund-top-up-source"
          options={SOURCE_CODES.map((c) => ({ value: c, label: f.sourceNames[c] ?? c }))}
        />
      </Form.Item>
      <Form.Item
        label={f.amount}
        name="amount"
        rules={[{ required: true, pattern: YUAN, message: f.amountRequired }]}
      >
        <Input inputMode="decimal" autoComplete="off" data-testid="fund-top-up-amount" />
      </Form.Item>
      <Form.Item label={f.postedOn} name="postedOn" rules={[required]}>
        <DatePicker style={{ width: '100%' }} data-testid="fund-top-up-date" />
      </Form.Item>
      <Form.Item
        label={f.memo}
        name="memo"
        rules={[{ ...required, whitespace: true }, { max: 200 }]}
      >
        <Input autoComplete="off" data-testid="fund-top-up-memo" />
      </Form.Item>
      <Flex justify="flex-end" gap={8}>
        <Button onClick={onDone}>{t.common.cancel}</Button>
        <Button
          type="primary"
          htmlType="submit"
          loading={topUp.isPending}
          data-testid="fund-top-up-submit"
        >
          {f.topUp}
        </Button>
      </Flex>
    </Form>
  );
}
