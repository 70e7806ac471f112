import { App as AntApp, Button, DatePicker, Flex, Form, Input, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { PRODUCTS, SCHEMES, useCreatePolicy } from '../../api/insurance.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { errorField, showFieldError } from '../../components/fieldErrors.ts';
import { useI18n } from '../../i18n/context.ts';

interface Values {
  policyNo: string;
  householdNo: string;
  scheme?: string;
  product?: string;
  premium: string;
  centralShare?: string;
  cityShare?: string;
  districtShare?: string;
  premiumDate?: Dayjs;
  startDate?: Dayjs;
  endDate?: Dayjs;
}
const FIELDS = [
  'policyNo',
  'householdNo',
  'scheme',
  'product',
  'premium',
  'centralShare',
  'cityShare',
  'districtShare',
  'premiumDate',
  'startDate',
  'endDate',
] as const;
const YUAN = /^\d+(\.\d{1,2})?$/;
const day = (d?: Dayjs) => (d ? d.format('YYYY-MM-DD') : '');
const share = (v?: string) => (v === undefined || v.trim() === '' ? '0' : v.trim());

/** An insurer records a policy on a household, named by its 户编号. */
export function PolicyForm({ onDone }: { onDone: () => void }) {
  const { t, lang } = useI18n();
  const s = t.insurance;
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreatePolicy();
  const onFinish = (v: Values) =>
    create.mutate(
      {
        policyNo: v.policyNo.trim(),
        householdNo: v.householdNo.trim(),
        scheme: v.scheme ?? '',
        product: v.product ?? '',
        premium: v.premium.trim(),
        centralShare: share(v.centralShare),
        cityShare: share(v.cityShare),
        districtShare: share(v.districtShare),
        premiumDate: day(v.premiumDate),
        startDate: day(v.startDate),
        endDate: day(v.endDate),
      },
      {
        onSuccess: () => {
          void message.success(s.saved);
          form.resetFields();
          onDone();
        },
        onError: (e) => void showFieldError(form, e, FIELDS, lang),
      },
    );
  const required = { required: true, message: s.required };
  const yuan = { pattern: YUAN, message: s.amountRequired };
  return (
    <Form<Values>
      form={form}
      layout="vertical"
      onFinish={onFinish}
      disabled={create.isPending}
      data-testid="policy-form"
    >
      {create.isError && !errorField(create.error, FIELDS) ? (
        <ErrorAlert error={create.error} testId="policy-form-error" />
      ) : null}
      <Flex gap={16}>
        <Form.Item label={s.policyNo} name="policyNo" rules={[required]} style={{ flex: 1 }}>
          <Input autoComplete="off" data-testid="policy-no" />
        </Form.Item>
        <Form.Item label={s.householdNo} name="householdNo" rules={[required]} style={{ flex: 1 }}>
          <Input autoComplete="off" data-testid="policy-household-no" />
        </Form.Item>
      </Flex>
      <Flex gap={16}>
        <Form.Item label={s.scheme} name="scheme" rules={[required]} style={{ flex: 1 }}>
          <Select
            data-testid="policy-scheme"
            options={SCHEMES.map((k) => ({ value: k, label: s.schemes[k] ?? k }))}
          />
        </Form.Item>
        <Form.Item label={s.product} name="product" rules={[required]} style={{ flex: 1 }}>
          <Select
            data-testid="policy-product"
            options={PRODUCTS.map((k) => ({ value: k, label: s.products[k] ?? k }))}
          />
        </Form.Item>
      </Flex>
      <Form.Item label={s.premium} name="premium" rules={[required, yuan]}>
        <Input inputMode="decimal" autoComplete="off" data-testid="policy-premium" />
      </Form.Item>
      <Flex gap={16}>
        {(['centralShare', 'cityShare', 'districtShare'] as const).map((f) => (
          <Form.Item key={f} label={s[f]} name={f} rules={[yuan]} style={{ flex: 1 }}>
            <Input
              inputMode="decimal"
              autoComplete="off"
              placeholder="0"
              data-testid={`policy-${f}`}
            />
          </Form.Item>
        ))}
      </Flex>
      <Flex gap={16}>
        {(['premiumDate', 'startDate', 'endDate'] as const).map((f) => (
          <Form.Item key={f} label={s[f]} name={f} rules={[required]} style={{ flex: 1 }}>
            <DatePicker style={{ width: '100%' }} data-testid={`policy-${f}`} />
          </Form.Item>
        ))}
      </Flex>
      <Button
        type="primary"
        htmlType="submit"
        loading={create.isPending}
        data-testid="policy-submit"
      >
        {s.save}
      </Button>
    </Form>
  );
}
