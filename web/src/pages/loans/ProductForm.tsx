import {
  App as AntApp,
  Button,
  Col,
  Flex,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Switch,
} from 'antd';
import type { FormInstance } from 'antd';
import { toApiError } from '../../api/client.ts';
import { ErrorAlert, bilingual } from '../../components/ErrorAlert.tsx';
import { useI18n, type Lang } from '../../i18n/context.ts';
import { useInstitutionNames } from './loanBits.tsx';
import { useSaveProduct, type FullProduct, type ProductSettings } from './productApi.ts';

/** The form's own flat fields; the API's nested ones (rateRule.value) map onto them. */
interface Values {
  code: string;
  category?: string;
  institutionId: string;
  nameZh: string;
  nameEn: string;
  minAmount: string;
  maxAmount: string;
  minTermMonths?: number;
  maxTermMonths?: number;
  method?: string;
  interestPeriod: string;
  dayCount: string;
  rounding: string;
  graceMonths: number;
  collateral?: string;
  rateRuleKind: string;
  rateRuleValue: string;
  policyRuleIds: string[];
  allocationOrder: string;
  penaltyFactor: string;
  classBounds: string;
  active: boolean;
}

const CATEGORIES = [
  'poverty_micro_credit',
  'rural_tourism_micro_credit',
  'self_employed_mortgage',
  'employer_mortgage',
  'industry',
  'relocation',
  'student',
  'supplementary_student',
  'infrastructure',
  'property_mortgage',
  'land_income_guarantee',
  'entrusted',
  'entrepreneurship_guarantee',
] as const;
const METHODS = ['equal-instalment', 'equal-principal', 'interest-only', 'bullet'] as const;
const PERIODS = ['monthly', 'quarterly', 'yearly'] as const;
const DAY_COUNTS = ['actual/360', 'actual/365', '30/360'] as const;
const ROUNDINGS = ['half-up-fen', 'half-even-fen', 'down-fen'] as const;
const COLLATERALS = ['none', 'mortgage', 'guarantee', 'pledge'] as const;
const RATE_RULES = ['max-points-over-benchmark', 'max-factor-of-benchmark'] as const;
const ALLOCATION_ORDERS = [
  'penalty-interest-principal',
  'penalty-principal-interest',
  'interest-principal-penalty',
  'principal-interest-penalty',
] as const;

/** The API's field (zod path) → this form's field. */
function formField(apiField: string | undefined): keyof Values | undefined {
  if (apiField === undefined) return undefined;
  if (apiField === 'rateRule.value') return 'rateRuleValue';
  const head = apiField.split('.')[0] ?? '';
  if (head === 'rateRule') return 'rateRuleKind';
  const known: readonly string[] = Object.keys(EMPTY);
  return known.includes(head) ? (head as keyof Values) : undefined;
}

/** Shows the API's error under its field; false when it names none of the form's. */
function showOnField(form: FormInstance<Values>, e: unknown, lang: Lang): boolean {
  const err = toApiError(e);
  const field = formField(err.field);
  if (field === undefined) return false;
  form.setFields([{ name: field, errors: [bilingual(err, lang).primary] }]);
  return true;
}

const EMPTY: Values = {
  code: '',
  institutionId: '',
  nameZh: '',
  nameEn: '',
  minAmount: '',
  maxAmount: '',
  interestPeriod: '',
  dayCount: 'actual/360',
  rounding: 'half-up-fen',
  graceMonths: 0,
  rateRuleKind: '',
  rateRuleValue: '',
  policyRuleIds: [],
  allocationOrder: 'penalty-interest-principal',
  penaltyFactor: '',
  classBounds: '0,90,180,360',
  active: true,
};

function valuesOf(p: FullProduct): Values {
  return {
    code: p.code,
    category: p.category,
    institutionId: p.institutionId ?? '',
    nameZh: p.nameZh,
    nameEn: p.nameEn,
    minAmount: p.minAmount,
    maxAmount: p.maxAmount,
    minTermMonths: p.minTermMonths,
    maxTermMonths: p.maxTermMonths,
    method: p.method,
    interestPeriod: p.interestPeriod ?? '',
    dayCount: p.dayCount,
    rounding: p.rounding,
    graceMonths: p.graceMonths,
    collateral: p.collateral,
    rateRuleKind: p.rateRule?.kind ?? '',
    rateRuleValue: p.rateRule?.value ?? '',
    policyRuleIds: p.policyRuleIds,
    allocationOrder: p.allocationOrder,
    penaltyFactor: p.penaltyFactor ?? '',
    classBounds: p.classBounds.join(','),
    active: p.active,
  };
}

/** What the API takes; the checks beyond "filled in" are the API's, shown on the fields. */
function settingsOf(v: Values): ProductSettings {
  const orNull = (s: string) => (s.trim() === '' ? null : s.trim());
  return {
    code: v.code.trim(),
    category: v.category ?? '',
    institutionId: orNull(v.institutionId),
    nameZh: v.nameZh.trim(),
    nameEn: v.nameEn.trim(),
    minAmount: v.minAmount.trim(),
    maxAmount: v.maxAmount.trim(),
    minTermMonths: v.minTermMonths ?? 0,
    maxTermMonths: v.maxTermMonths ?? 0,
    method: v.method ?? '',
    interestPeriod: orNull(v.interestPeriod),
    dayCount: v.dayCount,
    rounding: v.rounding,
    graceMonths: v.graceMonths,
    collateral: v.collateral ?? '',
    rateRule: v.rateRuleKind ? { kind: v.rateRuleKind, value: v.rateRuleValue.trim() } : null,
    policyRuleIds: v.policyRuleIds,
    allocationOrder: v.allocationOrder,
    penaltyFactor: orNull(v.penaltyFactor),
    // "0, 90, 180, 360" → [0, 90, 180, 360]; anything else reaches the API as is to refuse
    classBounds: v.classBounds
      .split(/[,，\s]+/)
      .filter(Boolean)
      .map(Number),
  };
}

/** 新增/修改贷款产品: every setting of a product (issue 4 Build 1), grace months included. */
export function ProductForm({ product, onDone }: { product?: FullProduct; onDone: () => void }) {
  const { t, lang } = useI18n();
  const m = t.loanProducts;
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<Values>();
  const save = useSaveProduct();
  const institutions = useInstitutionNames();
  const onFinish = (v: Values) =>
    save.mutate(
      {
        settings: settingsOf(v),
        ...(product
          ? { edit: { id: product.id, version: product.version, active: v.active } }
          : {}),
      },
      {
        onSuccess: () => {
          void message.success(product ? m.updated : m.created);
          onDone();
        },
        onError: (e) => void showOnField(form, e, lang),
      },
    );
  const options = <K extends string>(keys: readonly K[], names: Record<string, string>) =>
    keys.map((k) => ({ value: k, label: `${names[k] ?? k}（${k}）` }));
  const required = [{ required: true, message: m.required }];
  const item = (name: keyof Values, label: string, child: React.ReactNode, rules = required) => (
    <Col xs={24} md={12}>
      <Form.Item name={name} label={label} rules={rules}>
        {child}
      </Form.Item>
    </Col>
  );
  return (
    <Form<Values>
      form={form}
      layout="vertical"
      onFinish={onFinish}
      disabled={save.isPending}
      initialValues={product ? valuesOf(product) : EMPTY}
      data-testid="product-form"
    >
      {save.isError && formField(toApiError(save.error).field) === undefined ? (
        <ErrorAlert error={save.error} testId="product-form-error" />
      ) : null}
      <Row gutter={16}>
        {item('code', m.code, <Input disabled={!!product} data-testid="product-code" />)}
        {item(
          'category',
          m.category,
          <Select options={options(CATEGORIES, m.categories)} data-testid="product-category" />,
        )}
        {item('nameZh', m.nameZh, <Input data-testid="product-name-zh" />)}
        {item('nameEn', m.nameEn, <Input data-testid="product-name-en" />)}
        {item(
          'institutionId',
          m.institution,
          <Select
            data-testid="product-institution"
            options={[
              { value: '', label: m.anyInstitution },
              ...[...institutions].map(([value, label]) => ({ value, label })),
            ]}
          />,
          [],
        )}
        {item(
          'collateral',
          m.collateral,
          <Select options={options(COLLATERALS, m.collaterals)} data-testid="product-collateral" />,
        )}
        {item(
          'minAmount',
          m.minAmount,
          <Input inputMode="decimal" data-testid="product-min-amount" />,
        )}
        {item(
          'maxAmount',
          m.maxAmount,
          <Input inputMode="decimal" data-testid="product-max-amount" />,
        )}
        {item(
          'minTermMonths',
          m.minTermMonths,
          <InputNumber style={{ width: '100%' }} data-testid="product-min-term" />,
        )}
        {item(
          'maxTermMonths',
          m.maxTermMonths,
          <InputNumber style={{ width: '100%' }} data-testid="product-max-term" />,
        )}
        {item(
          'method',
          m.method,
          <Select options={options(METHODS, m.methods)} data-testid="product-method" />,
        )}
        {item(
          'interestPeriod',
          m.interestPeriod,
          <Select
            data-testid="product-interest-period"
            options={[{ value: '', label: m.none }, ...options(PERIODS, m.periods)]}
          />,
          [],
        )}
        {item(
          'graceMonths',
          m.graceMonths,
          <InputNumber style={{ width: '100%' }} data-testid="product-grace-months" />,
        )}
        {item(
          'dayCount',
          m.dayCount,
          <Select
            options={DAY_COUNTS.map((v) => ({ value: v, label: v }))}
            data-testid="product-day-count"
          />,
        )}
        {item(
          'rounding',
          m.rounding,
          <Select options={options(ROUNDINGS, m.roundings)} data-testid="product-rounding" />,
        )}
        {item(
          'allocationOrder',
          m.allocationOrder,
          <Select
            options={options(ALLOCATION_ORDERS, m.allocationOrders)}
            data-testid="product-allocation-order"
          />,
        )}
        {item(
          'rateRuleKind',
          m.rateRule,
          <Select
            data-testid="product-rate-rule"
            options={[{ value: '', label: m.none }, ...options(RATE_RULES, m.rateRules)]}
          />,
          [],
        )}
        {item(
          'rateRuleValue',
          m.rateRuleValue,
          <Input data-testid="product-rate-rule-value" />,
          [],
        )}
        {item(
          'penaltyFactor',
          m.penaltyFactor,
          <Input placeholder="1.5" data-testid="product-penalty-factor" />,
          [],
        )}
        {item('classBounds', m.classBounds, <Input data-testid="product-class-bounds" />)}
        {item(
          'policyRuleIds',
          m.policyRuleIds,
          <Select mode="tags" tokenSeparators={[',', ' ']} data-testid="product-policy-rules" />,
          [],
        )}
        {product ? (
          <Col xs={24} md={12}>
            <Form.Item name="active" label={m.active} valuePropName="checked">
              <Switch data-testid="product-active" />
            </Form.Item>
          </Col>
        ) : null}
      </Row>
      <Flex justify="flex-end" gap={8}>
        <Button onClick={onDone}>{t.common.cancel}</Button>
        <Button
          type="primary"
          htmlType="submit"
          loading={save.isPending}
          data-testid="product-submit"
        >
          {product ? t.common.save : m.create}
        </Button>
      </Flex>
    </Form>
  );
}
