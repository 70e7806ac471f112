import { Button, Flex, Form, Radio, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { usePrepareRun, type RunKind } from '../../api/settlement.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { errorField, showFieldError } from '../../components/fieldErrors.ts';
import { useI18n } from '../../i18n/context.ts';
import { paths } from '../../paths.ts';
import { lastQuarter, PeriodFields, periodOf, type PeriodValues } from './PeriodFields.tsx';

interface PrepareValues extends PeriodValues {
  kind: RunKind;
}
const FIELDS = ['period', 'kind'] as const;

/** Prepares a run for a quarter, a year or a custom range, then opens it. */
export function PrepareRunForm({ onDone }: { onDone: () => void }) {
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const [form] = Form.useForm<PrepareValues>();
  const prepare = usePrepareRun();
  const s = t.settlement;

  const onFinish = (v: PrepareValues) => {
    const period = periodOf(v);
    if (period === null) return;
    prepare.mutate(
      { period, kind: v.kind },
      {
        onSuccess: (run) => {
          onDone();
          void navigate(paths.settlementRun(run.id));
        },
        onError: (e) => void showFieldError(form, e, FIELDS, lang),
      },
    );
  };
  return (
    <Form<PrepareValues>
      form={form}
      layout="vertical"
      onFinish={onFinish}
      disabled={prepare.isPending}
      initialValues={{ ...lastQuarter(), kind: 'regular' }}
      data-testid="run-prepare-form"
    >
      {prepare.isError && !errorField(prepare.error, FIELDS) ? (
        <ErrorAlert error={prepare.error} testId="run-prepare-error" />
      ) : null}
      <Typography.Paragraph type="secondary">{s.prepareHint}</Typography.Paragraph>
      <PeriodFields />
      <Form.Item label={s.kind} name="kind">
        <Radio.Group
          options={(['regular', 'adjustment'] as const).map((k) => ({
            value: k,
            label: s.kindNames[k],
          }))}
        />
      </Form.Item>
      <Flex justify="flex-end" gap={8}>
        <Button onClick={onDone}>{t.common.cancel}</Button>
        <Button
          type="primary"
          htmlType="submit"
          loading={prepare.isPending}
          data-testid="run-prepare-submit"
        >
          {s.prepare}
        </Button>
      </Flex>
    </Form>
  );
}
