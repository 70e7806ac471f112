import { App as AntApp, Button, Card, DatePicker, Form, Input, Select, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { useInstitutions } from '../../api/institutions.ts';
import { useCurrentUser } from '../../auth/UserContext.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { showFieldError } from '../../components/fieldErrors.ts';
import { formatDate } from '../../components/format.ts';
import { useI18n } from '../../i18n/context.ts';
import {
  LOSS_CHECKERS,
  useAddPilot,
  useEndPilot,
  usePropertyPilots,
  type PropertyPilot,
} from './lossApi.ts';

const PILOT_KINDS = ['bank', 'policy_bank', 'village_bank', 'guarantor'];

/**
 * The art. 19 pilot register (decision 0024): which banks and guarantors run the rural
 * property mortgage pilot, and when. A loss on a rural-property mortgage they granted in
 * the pilot is half paid by the district instead of the art. 31 fund. The district's
 * checkers add and end periods; everyone who reads claims sees the list.
 */
export function PropertyPilots() {
  const { t } = useI18n();
  const p = t.losses.pilots;
  const user = useCurrentUser();
  const canEdit = LOSS_CHECKERS.includes(user.role);
  const list = usePropertyPilots();
  const columns: TableColumnsType<PropertyPilot> = [
    { title: p.institution, dataIndex: 'institutionName' },
    { title: p.fromDate, dataIndex: 'fromDate', width: 120, render: formatDate },
    {
      title: p.toDate,
      dataIndex: 'toDate',
      width: 260,
      render: (to: string | null, r) =>
        to !== null ? formatDate(to) : canEdit ? <EndPilot pilot={r} /> : p.ongoing,
    },
    { title: p.document, dataIndex: 'document' },
  ];
  return (
    <Card title={p.title} size="small" data-testid="property-pilots">
      <p>{p.intro}</p>
      <Table<PropertyPilot>
        size="small"
        rowKey={(r) => `${r.institutionId}|${r.fromDate}`}
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        columns={columns}
        pagination={false}
        data-testid="property-pilots-table"
      />
      {list.isError ? <ErrorAlert error={list.error} /> : null}
      {canEdit ? <AddPilot /> : null}
    </Card>
  );
}

interface AddValues {
  institutionId?: string;
  fromDate?: Dayjs;
  toDate?: Dayjs;
  document: string;
}

function AddPilot() {
  const { t, lang } = useI18n();
  const l = t.losses;
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<AddValues>();
  const institutions = useInstitutions();
  const add = useAddPilot();
  const options = (institutions.data ?? [])
    .filter((i) => PILOT_KINDS.includes(i.kind))
    .map((i) => ({ value: i.id, label: t.common.placeName(i.nameZh, i.nameEn) }));
  return (
    <>
      <Form<AddValues>
        form={form}
        layout="inline"
        style={{ marginTop: 12, rowGap: 8 }}
        data-testid="property-pilot-form"
        onFinish={(v) =>
          add.mutate(
            {
              institutionId: v.institutionId ?? '',
              fromDate: v.fromDate ? v.fromDate.format('YYYY-MM-DD') : '',
              ...(v.toDate ? { toDate: v.toDate.format('YYYY-MM-DD') } : {}),
              document: v.document.trim(),
            },
            {
              onSuccess: () => {
                void message.success(l.saved);
                form.resetFields();
              },
              onError: (e) =>
                void showFieldError(
                  form,
                  e,
                  ['institutionId', 'fromDate', 'toDate', 'document'],
                  lang,
                ),
            },
          )
        }
      >
        <Form.Item name="institutionId" rules={[{ required: true, message: l.required }]}>
          <Select
            style={{ width: 220 }}
            placeholder={l.pilots.institution}
            options={options}
            data-testid="property-pilot-institution"
          />
        </Form.Item>
        <Form.Item
          name="fromDate"
          rules={[{ required: true, message: l.required }]}
          style={{ width: 180 }}
        >
          <DatePicker placeholder={l.pilots.fromDate} data-testid="property-pilot-from" />
        </Form.Item>
        <Form.Item name="toDate" style={{ width: 180 }}>
          <DatePicker placeholder={l.pilots.toDate} data-testid="property-pilot-to" />
        </Form.Item>
        <Form.Item name="document" rules={[{ required: true, message: l.required }]}>
          <Input placeholder={l.pilots.document} data-testid="property-pilot-document" />
        </Form.Item>
        <Button htmlType="submit" loading={add.isPending} data-testid="property-pilot-submit">
          {l.pilots.add}
        </Button>
      </Form>
      {add.isError ? (
        <div style={{ marginTop: 12 }}>
          <ErrorAlert error={add.error} testId="property-pilot-error" />
        </div>
      ) : null}
    </>
  );
}

function EndPilot({ pilot }: { pilot: PropertyPilot }) {
  const { t, lang } = useI18n();
  const l = t.losses;
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<{ toDate?: Dayjs }>();
  const end = useEndPilot();
  return (
    <Form
      form={form}
      layout="inline"
      onFinish={(v) =>
        end.mutate(
          {
            institutionId: pilot.institutionId,
            fromDate: pilot.fromDate,
            toDate: v.toDate ? v.toDate.format('YYYY-MM-DD') : '',
          },
          {
            onSuccess: () => void message.success(l.saved),
            onError: (e) => void showFieldError(form, e, ['toDate'], lang),
          },
        )
      }
    >
      <Form.Item name="toDate" rules={[{ required: true, message: l.required }]}>
        <DatePicker size="small" placeholder={l.pilots.endOn} />
      </Form.Item>
      <Button size="small" htmlType="submit" loading={end.isPending}>
        {l.pilots.end}
      </Button>
    </Form>
  );
}
