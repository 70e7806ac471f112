import { Descriptions, Modal, Table, Tag } from 'antd';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useI18n } from '../../i18n/context.ts';
import { useRatingCard, type RatingLine, type WorkItem } from './creditApi.ts';

const GRADE_COLOUR: Record<string, string> = {
  AAA: 'green',
  AA: 'blue',
  A: 'cyan',
  unrated: 'default',
};

/** A subject's rating explained indicator by indicator. */
export function RatingCard({
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
  const card = useRatingCard(item.subjectKind, item.subjectId, asOf);
  const r = card.data?.rating;
  return (
    <Modal open title={`${c.card}：${item.name}`} onCancel={onClose} footer={null} width={760}>
      {card.isError ? <ErrorAlert error={card.error} /> : null}
      {card.data && !r ? <div>{c.unrated}</div> : null}
      {r ? (
        <div data-testid="credit-rating-card">
          <Descriptions size="small" column={3} style={{ marginBottom: 12 }}>
            <Descriptions.Item label={c.grade}>
              <Tag color={GRADE_COLOUR[r.grade]} data-testid="credit-card-grade">
                {r.grade === 'unrated' ? c.unrated : r.grade}
              </Tag>
            </Descriptions.Item>
            <Descriptions.Item label={c.points}>
              <span data-testid="credit-card-points">{r.points}</span>
            </Descriptions.Item>
            <Descriptions.Item label={c.validUntil}>
              {r.valid ? r.validUntil : <Tag color="orange">{c.expired}</Tag>}
            </Descriptions.Item>
          </Descriptions>
          <Table<RatingLine>
            size="small"
            pagination={false}
            rowKey="section"
            dataSource={r.lines}
            onRow={(l) =>
              ({ 'data-testid': 'credit-card-line', 'data-section': l.section }) as object
            }
            columns={[
              {
                title: t.creditSystem.subject,
                dataIndex: 'section',
                render: (s: string) => c.sections[s],
              },
              { title: c.weight, dataIndex: 'weight', align: 'right' },
              { title: c.score, dataIndex: 'score', align: 'right' },
              { title: c.points, dataIndex: 'points', align: 'right' },
              { title: c.source, dataIndex: 'source', render: (s: string) => c.sources[s] },
            ]}
          />
          <div style={{ marginTop: 8, color: '#888' }}>
            AAA ≥ {r.thresholds.AAA} · AA ≥ {r.thresholds.AA} · A ≥ {r.thresholds.A}
          </div>
        </div>
      ) : null}
    </Modal>
  );
}
