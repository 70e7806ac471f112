import { DatePicker, Flex, Form, Radio, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useI18n } from '../../i18n/context.ts';

type PeriodType = 'quarter' | 'year' | 'range';

/** The form fields PeriodFields renders, for the form around it to extend. */
export interface PeriodValues {
  type: PeriodType;
  year: number;
  quarter: number;
  range?: [Dayjs, Dayjs];
}

/** The earliest year the picker offers (the policy dates from 2017); a custom range reaches any date. */
const FIRST_YEAR = 2015;

/** The period as the API writes it: '2019-Q4', '2019' or '2019-10-01..2019-12-31'. */
export function periodOf(v: PeriodValues): string | null {
  if (v.type === 'quarter') return `${v.year}-Q${v.quarter}`;
  if (v.type === 'year') return String(v.year);
  const [from, to] = v.range ?? [];
  return from && to ? `${from.format('YYYY-MM-DD')}..${to.format('YYYY-MM-DD')}` : null;
}

/** By default the quarter that ended last, the one usually settled next. */
export function lastQuarter(): PeriodValues {
  const last = dayjs().subtract(3, 'month');
  return { type: 'quarter', year: last.year(), quarter: Math.floor(last.month() / 3) + 1 };
}

/** A settlement period as a quarter, a year or a custom range, inside a Form of PeriodValues. */
export function PeriodFields() {
  const { t } = useI18n();
  const s = t.settlement;
  const type = Form.useWatch<PeriodType | undefined>('type', Form.useFormInstance());
  const years = Array.from(
    { length: dayjs().year() - FIRST_YEAR + 1 },
    (_, i) => dayjs().year() - i,
  );
  return (
    <>
      <Form.Item label={s.periodType} name="type">
        <Radio.Group
          optionType="button"
          options={(['quarter', 'year', 'range'] as const).map((p) => ({
            value: p,
            label: <span data-testid={`run-period-${p}`}>{s.periodTypes[p]}</span>,
          }))}
        />
      </Form.Item>
      {type === 'range' ? (
        <Form.Item
          label={s.period}
          name="range"
          rules={[{ required: true, message: s.periodRequired }]}
        >
          <DatePicker.RangePicker style={{ width: '100%' }} data-testid="run-period-range" />
        </Form.Item>
      ) : (
        <Flex gap={12} wrap>
          <Form.Item label={s.periodTypes.year} name="year">
            <Select
              style={{ width: 120 }}
              options={years.map((y) => ({ value: y, label: String(y) }))}
              data-testid="run-period-year"
            />
          </Form.Item>
          {type === 'quarter' ? (
            <Form.Item label={s.periodTypes.quarter} name="quarter">
              <Radio.Group
                optionType="button"
                options={[1, 2, 3, 4].map((q) => ({
                  value: q,
                  label: <span data-testid={`run-period-q${q}`}>{`Q${q}`}</span>,
                }))}
              />
            </Form.Item>
          ) : null}
        </Flex>
      )}
    </>
  );
}
