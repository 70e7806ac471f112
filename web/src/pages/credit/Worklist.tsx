import { Button, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useCurrentUser } from '../../auth/UserContext.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useI18n } from '../../i18n/context.ts';
import { CollectionForm } from './CollectionForm.tsx';
import { COLLECTORS, useCreditWrite, useWorklist, type WorkItem } from './creditApi.ts';
import { RatingCard } from './RatingCard.tsx';

/** A village's households and operators, with what is left to collect and rate. */
export function Worklist({ villageCode, asOf }: { villageCode: string; asOf: string }) {
  const { t } = useI18n();
  const c = t.creditSystem;
  const user = useCurrentUser();
  const list = useWorklist(villageCode, asOf);
  const rate = useCreditWrite<object>('/credit/ratings');
  const [collecting, setCollecting] = useState<WorkItem | null>(null);
  const [viewing, setViewing] = useState<WorkItem | null>(null);
  const canCollect = COLLECTORS.includes(user.role);
  return (
    <div data-testid="credit-worklist">
      {list.isError ? <ErrorAlert error={list.error} /> : null}
      {rate.isError ? <ErrorAlert error={rate.error} /> : null}
      <Table<WorkItem>
        size="small"
        rowKey="subjectId"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        pagination={{ pageSize: 50 }}
        onRow={(r) =>
          ({
            'data-testid': 'credit-work-row',
            'data-subject': r.subjectId,
            'data-stage': r.stage,
          }) as object
        }
        columns={[
          { title: c.subject, dataIndex: 'label', width: 200 },
          { title: c.name, dataIndex: 'name' },
          { title: c.stage, dataIndex: 'stage', render: (s: string) => <Tag>{c.stages[s]}</Tag> },
          {
            title: c.grade,
            dataIndex: 'grade',
            render: (g: string | null) =>
              g ? <Tag color="blue">{g === 'unrated' ? c.unrated : g}</Tag> : null,
          },
          { title: c.points, dataIndex: 'points', align: 'right' },
          {
            title: t.common.actions,
            key: 'a',
            render: (_: unknown, r) => (
              <Space size={4}>
                {canCollect && r.collectionStatus !== 'submitted' ? (
                  <Button
                    size="small"
                    type="primary"
                    data-testid="credit-collect"
                    onClick={() => setCollecting(r)}
                  >
                    {c.collect}
                  </Button>
                ) : null}
                {canCollect && r.stage === 'collected' ? (
                  <Button
                    size="small"
                    data-testid="credit-rate"
                    loading={rate.isPending}
                    onClick={() =>
                      rate.mutate({
                        subjectKind: r.subjectKind,
                        subjectId: r.subjectId,
                        ratedOn: asOf,
                      })
                    }
                  >
                    {c.rate}
                  </Button>
                ) : null}
                {r.stage === 'rated' ? (
                  <Button size="small" data-testid="credit-card" onClick={() => setViewing(r)}>
                    {c.card}
                  </Button>
                ) : null}
              </Space>
            ),
          },
        ]}
      />
      {collecting ? (
        <CollectionForm item={collecting} asOf={asOf} onClose={() => setCollecting(null)} />
      ) : null}
      {viewing ? <RatingCard item={viewing} asOf={asOf} onClose={() => setViewing(null)} /> : null}
    </div>
  );
}
