import { Button, DatePicker, Flex, Form, Input, Modal, Select, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useInstitutions } from '../../api/institutions.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { ListPagination } from '../../components/ListPagination.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { TownshipSelect, VillageSelect } from '../../components/RegionSelects.tsx';
import { useUrlParams } from '../../components/useUrlParams.ts';
import { useI18n } from '../../i18n/context.ts';
import {
  ART6_KINDS,
  POINT_KINDS,
  useClosePoint,
  useCreatePoint,
  useServicePoints,
  type ServicePoint,
} from './networkApi.ts';

/** The service-network register: list by kind, township and day, record and close points. */
export function NetworkPage() {
  const { t } = useI18n();
  const n = t.network;
  const url = useUrlParams();
  const [adding, setAdding] = useState(false);
  const [closing, setClosing] = useState<ServicePoint | null>(null);
  const list = useServicePoints({
    kind: url.get('kind'),
    township: url.get('township'),
    asOf: url.get('asOf'),
    page: url.page,
    pageSize: url.pageSize,
  });
  const kindOptions = POINT_KINDS.map((k) => ({ value: k, label: n.kinds[k] ?? k }));
  const columns: TableColumnsType<ServicePoint> = [
    { title: n.kind, dataIndex: 'kind', width: 200, render: (k: string) => n.kinds[k] ?? k },
    { title: n.name, dataIndex: 'name' },
    {
      title: n.village,
      key: 'place',
      width: 150,
      render: (_: unknown, p) => p.village ?? p.township ?? '—',
    },
    {
      title: n.site,
      dataIndex: 'art6Site',
      width: 140,
      render: (s: string | null) => (s ? n.sites[s] : ''),
    },
    { title: n.openedOn, dataIndex: 'openedOn', width: 110 },
    {
      title: n.closedOn,
      key: 'closed',
      width: 140,
      render: (_: unknown, p) =>
        p.closedOn ?? (
          <Flex gap={8} align="center">
            <Tag color="green">{n.open}</Tag>
            <Button size="small" data-testid="point-close" onClick={() => setClosing(p)}>
              {n.close}
            </Button>
          </Flex>
        ),
    },
  ];
  return (
    <div data-testid="network-page">
      <PageHeader
        title={n.title}
        subtitle={n.subtitle}
        extra={
          <Button type="primary" data-testid="point-add" onClick={() => setAdding(true)}>
            {n.add}
          </Button>
        }
      />
      <Flex gap={8} wrap style={{ marginBottom: 16 }}>
        <Select
          data-testid="point-filter-kind"
          style={{ width: 220 }}
          allowClear
          placeholder={n.kind}
          value={url.get('kind')}
          options={kindOptions}
          onChange={(v: string | undefined) => url.update({ kind: v })}
        />
        <TownshipSelect
          testId="point-filter-township"
          value={url.get('township')}
          onChange={(v) => url.update({ township: v })}
        />
        <DatePicker
          data-testid="point-filter-as-of"
          placeholder={n.asOf}
          value={url.get('asOf') ? dayjs(url.get('asOf')) : null}
          onChange={(v) => url.update({ asOf: v ? v.format('YYYY-MM-DD') : undefined })}
        />
      </Flex>
      {list.error ? <ErrorAlert error={list.error} /> : null}
      <Table<ServicePoint>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        columns={columns}
        dataSource={list.data?.items ?? []}
        pagination={false}
        onRow={() => ({ 'data-testid': 'point-row' }) as object}
      />
      <ListPagination
        testId="point-pagination"
        page={url.page}
        pageSize={url.pageSize}
        total={list.data?.total ?? 0}
        onChange={(page, pageSize) =>
          url.update(pageSize !== url.pageSize ? { pageSize, page: 1 } : { page })
        }
      />
      {adding ? <AddPoint onDone={() => setAdding(false)} /> : null}
      {closing ? <ClosePoint point={closing} onDone={() => setClosing(null)} /> : null}
    </div>
  );
}

function AddPoint({ onDone }: { onDone: () => void }) {
  const { t, lang } = useI18n();
  const n = t.network;
  const [form] = Form.useForm();
  const create = useCreatePoint();
  const institutions = useInstitutions();
  const kind = Form.useWatch<string | undefined>('kind', form);
  const township = Form.useWatch<string | undefined>('township', form);
  const submit = (v: Record<string, unknown>) => {
    const { township: _t, village, place, openedOn, ...rest } = v;
    create.mutate(
      {
        ...rest,
        place: kind === 'mutual_aid_fund' ? place : village,
        openedOn: (openedOn as dayjs.Dayjs).format('YYYY-MM-DD'),
      },
      { onSuccess: onDone },
    );
  };
  return (
    <Modal
      open
      title={n.add}
      okText={n.save}
      cancelText={n.cancel}
      onOk={() => form.submit()}
      onCancel={onDone}
      confirmLoading={create.isPending}
      okButtonProps={{ id: 'point-save' }}
    >
      {create.error ? <ErrorAlert error={create.error} /> : null}
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="kind" label={n.kind} rules={[{ required: true }]}>
          <Select
            data-testid="point-kind"
            options={POINT_KINDS.map((k) => ({ value: k, label: n.kinds[k] }))}
          />
        </Form.Item>
        <Form.Item name="name" label={n.name} rules={[{ required: true }]}>
          <Input data-testid="point-name" maxLength={100} />
        </Form.Item>
        <Form.Item name="institutionId" label={n.institution}>
          <Select
            data-testid="point-institution"
            allowClear
            options={(institutions.data ?? []).map((i) => ({
              value: i.id,
              label: lang === 'zh' ? i.nameZh : i.nameEn,
            }))}
          />
        </Form.Item>
        {kind === 'mutual_aid_fund' ? (
          <>
            <Form.Item name="mutualAidTier" label={n.tier} rules={[{ required: true }]}>
              <Select
                options={Object.entries(n.tiers).map(([value, label]) => ({ value, label }))}
              />
            </Form.Item>
            <Form.Item name="place" label={n.place} rules={[{ required: true }]}>
              <Input data-testid="point-place" />
            </Form.Item>
          </>
        ) : (
          <Flex gap={8}>
            <Form.Item name="township" label={n.township} rules={[{ required: true }]}>
              <TownshipSelect testId="point-township" />
            </Form.Item>
            <Form.Item name="village" label={n.village} rules={[{ required: true }]}>
              <VillageSelect testId="point-village" township={township} />
            </Form.Item>
          </Flex>
        )}
        {kind !== undefined && ART6_KINDS.includes(kind) ? (
          <Form.Item name="art6Site" label={n.site} rules={[{ required: true }]}>
            <Select
              data-testid="point-site"
              options={Object.entries(n.sites).map(([value, label]) => ({ value, label }))}
            />
          </Form.Item>
        ) : null}
        <Form.Item name="openedOn" label={n.openedOn} rules={[{ required: true }]}>
          <DatePicker data-testid="point-opened-on" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ClosePoint({ point, onDone }: { point: ServicePoint; onDone: () => void }) {
  const { t } = useI18n();
  const n = t.network;
  const close = useClosePoint();
  const [on, setOn] = useState<dayjs.Dayjs | null>(null);
  return (
    <Modal
      open
      title={`${n.close}：${point.name}`}
      okText={n.save}
      cancelText={n.cancel}
      okButtonProps={{ disabled: on === null, id: 'point-close-save' }}
      confirmLoading={close.isPending}
      onCancel={onDone}
      onOk={() =>
        on &&
        close.mutate(
          { id: point.id, version: point.version, closedOn: on.format('YYYY-MM-DD') },
          { onSuccess: onDone },
        )
      }
    >
      {close.error ? <ErrorAlert error={close.error} /> : null}
      <DatePicker
        data-testid="point-closed-on"
        placeholder={n.closedOn}
        value={on}
        onChange={setOn}
      />
    </Modal>
  );
}
