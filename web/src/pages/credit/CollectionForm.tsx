import { Button, Form, Input, InputNumber, Modal, Space } from 'antd';
import { useEffect, useRef, type ComponentRef, type KeyboardEvent } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useI18n } from '../../i18n/context.ts';
import {
  SECTIONS,
  useCollection,
  useCreditWrite,
  type Sections,
  type WorkItem,
} from './creditApi.ts';

type Values = Record<string, { score?: number | null; note?: string }>;

/**
 * The collection form, built for the keyboard: one score and one note per section in
 * tab order, the first score focused, Ctrl+Enter submits; a draft reopens where it was.
 */
export function CollectionForm({
  item,
  asOf,
  onClose,
}: {
  item: WorkItem;
  asOf: string;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const c = t.creditSystem;
  const [form] = Form.useForm<Values>();
  const firstScore = useRef<ComponentRef<typeof InputNumber>>(null);
  const draftId = item.collectionStatus === 'draft' ? item.collectionId : null;
  const draft = useCollection(draftId);
  const save = useCreditWrite<object>('/credit/collections');
  useEffect(() => {
    if (draft.data) form.setFieldsValue(draft.data.sections as Values);
  }, [draft.data, form]);

  const send = async (submit: boolean) => {
    const values = form.getFieldsValue();
    const sections: Sections = {};
    for (const s of SECTIONS) {
      const v = values[s];
      if (v?.score === undefined && !v?.note) continue;
      sections[s] = {
        ...(v.score === undefined || v.score === null ? {} : { score: v.score }),
        ...(v.note ? { note: v.note } : {}),
      };
    }
    await save.mutateAsync({
      ...(draft.data ? { id: draft.data.id, version: draft.data.version } : {}),
      subjectKind: item.subjectKind,
      subjectId: item.subjectId,
      collectedOn: asOf,
      sections,
      submit,
    });
    onClose();
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void send(true).catch(() => undefined);
  };

  return (
    <Modal
      open
      // The dialog takes focus while it animates in: focus the first score once it is
      // open, or a clerk's first keystrokes land nowhere.
      afterOpenChange={(opened) => opened && firstScore.current?.focus()}
      title={c.formTitle(item.name)}
      onCancel={onClose}
      width={720}
      footer={
        <Space>
          <Button
            onClick={() => void send(false).catch(() => undefined)}
            data-testid="credit-form-draft"
          >
            {c.saveDraft}
          </Button>
          <Button
            type="primary"
            onClick={() => void send(true).catch(() => undefined)}
            data-testid="credit-form-submit"
          >
            {c.submit}
          </Button>
        </Space>
      }
    >
      {save.isError ? <ErrorAlert error={save.error} /> : null}
      <div onKeyDown={onKey} data-testid="credit-form">
        <Form form={form} layout="horizontal" labelCol={{ span: 8 }}>
          {SECTIONS.map((s, i) => (
            <Form.Item key={s} label={c.sections[s]} style={{ marginBottom: 8 }}>
              <Space.Compact block>
                <Form.Item name={[s, 'score']} noStyle>
                  <InputNumber
                    min={0}
                    max={100}
                    precision={0}
                    placeholder={c.score}
                    ref={i === 0 ? firstScore : undefined}
                    style={{ width: 140 }}
                    data-testid={`credit-score-${s}`}
                  />
                </Form.Item>
                <Form.Item name={[s, 'note']} noStyle>
                  <Input placeholder={c.note} maxLength={200} tabIndex={-1} />
                </Form.Item>
              </Space.Compact>
            </Form.Item>
          ))}
        </Form>
      </div>
    </Modal>
  );
}
