import { App as AntApp, Button, DatePicker, Flex, Form, Input, Modal, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useAddParameterVersion } from '../../api/policy.ts';
import type { PolicyParameter } from '../../api/types.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { errorField, showFieldError } from '../../components/fieldErrors.ts';
import { useI18n } from '../../i18n/context.ts';
import { formatParamValue, typedParamValue, unitHint } from './paramValue.ts';

interface Values {
  effectiveFrom: Dayjs | undefined;
  value: string;
  document: string;
}

const FIELDS = ['effectiveFrom', 'value', 'document'] as const;

function AddVersionForm({ param, onDone }: { param: PolicyParameter; onDone: () => void }) {
  const { t, lang } = useI18n();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<Values>();
  const add = useAddParameterVersion(param.id);
  const hint = unitHint(param.unit, t);
  const current = param.current ? formatParamValue(param.unit, param.current.value, t) : null;

  const onFinish = (v: Values) => {
    if (!v.effectiveFrom) return;
    add.mutate(
      {
        effectiveFrom: v.effectiveFrom.format('YYYY-MM-DD'),
        value: typedParamValue(param.unit, v.value),
        document: v.document.trim(),
      },
      {
        onSuccess: (r) => {
          void message.success(t.policy.added(r.version));
          onDone();
        },
        onError: (e) => void showFieldError(form, e, FIELDS, lang),
      },
    );
  };

  return (
    <>
      <Typography.Paragraph type="secondary">{t.policy.addVersionHint}</Typography.Paragraph>
      {add.isError && !errorField(add.error, FIELDS) ? (
        <ErrorAlert error={add.error} testId="param-version-error" />
      ) : null}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        disabled={add.isPending}
        data-testid="param-version-form"
      >
        <Form.Item
          label={t.policy.from}
          name="effectiveFrom"
          rules={[{ required: true, message: t.policy.fromRequired }]}
        >
          <DatePicker style={{ width: '100%' }} data-testid="param-version-from" />
        </Form.Item>
        <Form.Item
          label={t.policy.value}
          name="value"
          rules={[{ required: true, whitespace: true, message: t.policy.valueRequired }]}
          extra={[hint, current ? t.policy.currentIs(current) : null]
            .filter(Boolean)
            .join(t.common.clauseSeparator)}
        >
          <Input
            placeholder={param.current?.value}
            autoComplete="off"
            data-testid="param-version-value"
          />
        </Form.Item>
        <Form.Item
          label={t.policy.document}
          name="document"
          rules={[
            { required: true, whitespace: true, message: t.policy.documentRequired },
            { max: 200 },
          ]}
        >
          <Input placeholder={t.policy.documentPlaceholder} data-testid="param-version-document" />
        </Form.Item>
        <Flex gap={8} justify="flex-end">
          <Button onClick={onDone} data-testid="param-version-cancel">
            {t.common.cancel}
          </Button>
          <Button
            type="primary"
            htmlType="submit"
            loading={add.isPending}
            data-testid="param-version-submit"
          >
            {t.policy.addVersion}
          </Button>
        </Flex>
      </Form>
    </>
  );
}

/** "Add version" of one parameter; `param` null closes it. */
export function AddVersionModal({
  param,
  onClose,
}: {
  param: PolicyParameter | null;
  onClose: () => void;
}) {
  const { t, lang } = useI18n();
  // Keep the last parameter while the modal animates closed.
  const [shown, setShown] = useState(param);
  if (param && param !== shown) setShown(param);
  const name = shown ? (lang === 'zh' ? shown.titleZh : shown.titleEn) : '';
  return (
    <Modal
      open={Boolean(param)}
      onCancel={onClose}
      title={t.policy.addVersionTitle(name)}
      footer={null}
      destroyOnHidden
      width={560}
    >
      {shown ? <AddVersionForm key={shown.id} param={shown} onDone={onClose} /> : null}
    </Modal>
  );
}
