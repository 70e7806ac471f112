import { Button, Card, Descriptions, Flex, Typography } from 'antd';
import type { DescriptionsProps } from 'antd';
import { Link, useParams } from 'react-router';
import { useRun, type RunDetail } from '../../api/settlement.ts';
import { fillLast, formatDate, formatDateTime, formatYuan } from '../../components/format.ts';
import { QueryState } from '../../components/QueryState.tsx';
import { useI18n } from '../../i18n/context.ts';
import { paths } from '../../paths.ts';
import { RunBreakdowns } from './RunBreakdowns.tsx';

// On paper only the summary shows: no navigation, header or buttons, two tables a row.
const PRINT_CSS = `
@media print {
  .ant-layout-header, .ant-layout-sider, [data-print-hide] { display: none !important; }
  .ant-layout-content { padding: 0 !important; }
  body, .ant-layout { background: #fff !important; }
  .print-half { flex: 0 0 50% !important; max-width: 50% !important; }
  .ant-card { break-inside: avoid; }
}
`;

function Signatures({ d }: { d: RunDetail }) {
  const { t } = useI18n();
  const s = t.settlement;
  const sign = [
    { label: s.signMaker, by: d.run.createdBy },
    { label: s.signReviewer, by: d.run.reviewedBy },
    { label: s.signApprover, by: d.run.approvedBy },
  ];
  return (
    <Flex justify="space-between" gap={24} style={{ marginTop: 32 }} data-testid="run-signatures">
      {sign.map((x) => (
        <div key={x.label} style={{ flex: 1 }}>
          {x.label}：
          <span style={{ borderBottom: '1px solid #333', padding: '0 48px' }}>{x.by}</span>
        </div>
      ))}
    </Flex>
  );
}

/** A run's summary laid out to print (window.print) and sign. */
export function RunPrintPage() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const run = useRun(id);
  const s = t.settlement;
  return (
    <div data-testid="run-print">
      <style>{PRINT_CSS}</style>
      <QueryState query={run}>
        {(d) => {
          const items: DescriptionsProps['items'] = [
            { key: 'id', label: s.runId, children: d.run.id },
            {
              key: 'period',
              label: s.period,
              children: `${d.run.period}（${s.periodRange(formatDate(d.run.from), formatDate(d.run.to))}）`,
            },
            { key: 'kind', label: s.kind, children: s.kindNames[d.run.kind] ?? d.run.kind },
            {
              key: 'status',
              label: s.status,
              children: s.statusNames[d.run.status] ?? d.run.status,
            },
            { key: 'lines', label: s.lineCount, children: d.run.lineCount },
            {
              key: 'total',
              label: s.runTotal,
              children: <strong data-testid="run-print-total">{formatYuan(d.run.total)}</strong>,
            },
            {
              key: 'excluded',
              label: s.excluded,
              children: s.excludedOf(d.excluded.lines, formatYuan(d.excluded.total)),
            },
            {
              key: 'paid',
              label: s.paymentReference,
              children: d.run.paymentReference ?? t.common.empty,
            },
            { key: 'at', label: s.createdAt, children: formatDateTime(d.run.createdAt) },
          ];
          return (
            <>
              <Flex justify="space-between" style={{ marginBottom: 16 }} data-print-hide>
                <Link to={paths.settlementRun(d.run.id)}>
                  <Button>{t.common.back}</Button>
                </Link>
                <Button
                  type="primary"
                  onClick={() => window.print()}
                  data-testid="run-print-button"
                >
                  {s.print}
                </Button>
              </Flex>
              <Typography.Title level={3} style={{ textAlign: 'center' }}>
                {s.printTitle(d.run.period)}
              </Typography.Title>
              <Typography.Paragraph style={{ textAlign: 'center' }} type="secondary">
                {s.printRef}
              </Typography.Paragraph>
              <Card style={{ marginBottom: 16 }}>
                <Descriptions items={fillLast(items)} column={3} size="small" bordered />
              </Card>
              <RunBreakdowns d={d} />
              <Signatures d={d} />
            </>
          );
        }}
      </QueryState>
    </div>
  );
}
