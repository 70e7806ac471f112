import { Col, Row } from 'antd';
import { useTownshipNames } from '../../api/regions.ts';
import type { RunDetail } from '../../api/settlement.ts';
import { useI18n } from '../../i18n/context.ts';
import { useInstitutionNames } from '../loans/loanBits.tsx';
import { BreakdownTable } from './BreakdownTable.tsx';
import { useArticleLabel, useFundNames } from './settlementBits.tsx';

/** The run's total by article, township, fund and paying bank, side by side. */
export function RunBreakdowns({ d }: { d: RunDetail }) {
  const { t } = useI18n();
  const townships = useTownshipNames();
  const funds = useFundNames();
  const banks = useInstitutionNames();
  const articleLabel = useArticleLabel();
  const s = t.settlement;
  const tables = [
    {
      id: 'article',
      title: s.byArticle,
      keyTitle: s.article,
      rows: d.byArticle,
      label: articleLabel,
    },
    {
      id: 'township',
      title: s.byTownship,
      keyTitle: s.township,
      rows: d.byTownship,
      label: (k: string) => townships.get(k) ?? k,
    },
    {
      id: 'fund',
      title: s.byFund,
      keyTitle: s.fund,
      rows: d.byFund,
      label: (k: string) => funds.get(k) ?? k,
    },
    {
      id: 'bank',
      title: s.byPaymentBank,
      keyTitle: s.bank,
      rows: d.byPaymentBank,
      label: (k: string) => banks.get(k) ?? (k || t.common.empty),
    },
  ];
  return (
    <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
      {tables.map((b) => (
        <Col key={b.id} xs={24} xl={12} className="print-half">
          <BreakdownTable
            title={b.title}
            keyTitle={b.keyTitle}
            rows={b.rows}
            label={b.label}
            total={d.run.total}
            testId={`run-by-${b.id}`}
          />
        </Col>
      ))}
    </Row>
  );
}
