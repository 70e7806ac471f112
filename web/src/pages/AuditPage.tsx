import { Button, Card, DatePicker, Flex, Input, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState, type HTMLAttributes } from 'react';
import { Link } from 'react-router';
import { useAudit } from '../api/audit.ts';
import type { AuditEntry, AuditQuery } from '../api/types.ts';
import { AuditDiff } from '../components/AuditDiff.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { formatDateTime } from '../components/format.ts';
import { ListPagination } from '../components/ListPagination.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { useUrlParams } from '../components/useUrlParams.ts';
import { useI18n } from '../i18n/context.ts';
import { paths } from '../paths.ts';

const DAY = 'YYYY-MM-DD';

function parseDay(v: string | undefined): Dayjs | null {
  if (!v) return null;
  const d = dayjs(v);
  return d.isValid() ? d : null;
}

/** Where an audited record can be opened, for the entities that have a page. */
function entityLink(e: AuditEntry): string | null {
  if (!e.entityId) return null;
  if (e.entity === 'household') return paths.household(e.entityId);
  if (e.entity === 'operator') return paths.operator(e.entityId);
  if (e.entity === 'institution') return paths.institution(e.entityId);
  return null;
}

export function AuditPage() {
  const { t } = useI18n();
  const url = useUrlParams();
  const fromDay = parseDay(url.get('from'));
  const toDay = parseDay(url.get('to'));
  const query: AuditQuery = {
    entity: url.get('entity'),
    entityId: url.get('entityId'),
    actor: url.get('actor'),
    // Calendar days, both included.
    from: fromDay ? fromDay.format(DAY) : undefined,
    to: toDay ? toDay.format(DAY) : undefined,
    page: url.page,
    pageSize: url.pageSize,
  };
  const list = useAudit(query);
  const [entity, setEntity] = useState(query.entity ?? '');
  const [actor, setActor] = useState(query.actor ?? '');
  const [entityId, setEntityId] = useState(query.entityId ?? '');
  useEffect(() => setEntity(query.entity ?? ''), [query.entity]);
  useEffect(() => setEntityId(query.entityId ?? ''), [query.entityId]);
  useEffect(() => setActor(query.actor ?? ''), [query.actor]);

  const applyText = () =>
    url.update({ entity: entity.trim(), entityId: entityId.trim(), actor: actor.trim() });

  const columns: TableColumnsType<AuditEntry> = [
    {
      title: t.audit.at,
      dataIndex: 'at',
      width: 180,
      render: (v: string) => formatDateTime(v),
    },
    {
      title: t.audit.actor,
      dataIndex: 'actorUsername',
      width: 140,
      render: (v: string | null) => v ?? t.audit.system,
    },
    {
      title: t.audit.action,
      dataIndex: 'action',
      width: 160,
      render: (v: string) => <Tag>{v}</Tag>,
    },
    { title: t.audit.entity, dataIndex: 'entity', width: 140 },
    {
      title: t.audit.entityId,
      dataIndex: 'entityId',
      render: (v: string | null, r) => {
        const to = entityLink(r);
        return to ? <Link to={to}>{v}</Link> : (v ?? t.common.empty);
      },
    },
  ];

  return (
    <div data-testid="audit-page">
      <PageHeader title={t.audit.title} subtitle={t.audit.subtitle} />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Input
            allowClear
            style={{ width: 180 }}
            placeholder={t.audit.entityPlaceholder}
            aria-label={t.audit.entity}
            value={entity}
            onChange={(e) => setEntity(e.target.value)}
            onPressEnter={() => applyText()}
            data-testid="audit-filter-entity"
          />
          <Input
            allowClear
            style={{ width: 200 }}
            placeholder={t.audit.entityId}
            aria-label={t.audit.entityId}
            value={entityId}
            onChange={(e) => setEntityId(e.target.value)}
            onPressEnter={applyText}
            data-testid="audit-filter-entity-id"
          />
          <Input
            allowClear
            style={{ width: 180 }}
            placeholder={t.audit.actorPlaceholder}
            aria-label={t.audit.actor}
            value={actor}
            onChange={(e) => setActor(e.target.value)}
            onPressEnter={() => applyText()}
            data-testid="audit-filter-actor"
          />
          <DatePicker.RangePicker
            aria-label={t.audit.dateRange}
            value={[fromDay, toDay]}
            allowEmpty={[true, true]}
            onChange={(v) =>
              url.update({
                from: v?.[0] ? v[0].format(DAY) : undefined,
                to: v?.[1] ? v[1].format(DAY) : undefined,
              })
            }
            data-testid="audit-filter-dates"
          />
          <Button type="primary" onClick={() => applyText()} data-testid="audit-search">
            {t.common.search}
          </Button>
          <Button onClick={url.clear}>{t.common.reset}</Button>
        </Flex>
        {list.isError ? (
          <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
        ) : null}
        <div data-testid="audit-table">
          <Table<AuditEntry>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={list.data?.items ?? []}
            loading={list.isFetching}
            pagination={false}
            scroll={{ x: 900 }}
            expandable={{
              expandedRowRender: (r) => (
                <AuditDiff before={r.before} after={r.after} detail={r.detail} />
              ),
            }}
            onRow={(r) =>
              ({ 'data-testid': 'audit-row', 'data-audit-id': r.id }) as HTMLAttributes<HTMLElement>
            }
          />
        </div>
        <ListPagination
          testId="audit-pagination"
          page={query.page}
          pageSize={query.pageSize}
          total={list.data?.total ?? 0}
          onChange={(page, pageSize) =>
            url.update(pageSize !== query.pageSize ? { pageSize, page: 1 } : { page })
          }
        />
      </Card>
    </div>
  );
}
