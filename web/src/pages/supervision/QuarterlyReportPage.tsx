import { Alert, Button, Card, Flex, Select, Spin } from 'antd';
import dayjs from 'dayjs';
import { useRef } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useUrlParams } from '../../components/useUrlParams.ts';
import { useI18n } from '../../i18n/context.ts';
import { quarterlyReportFileUrl, useQuarterlyReportPrint } from './api.ts';

// Page strings kept with the page: the report itself is the Chinese document the server
// renders (src/app/supervision/quarterlyReportHtml.ts), only these controls are bilingual.
const TEXT = {
  zh: {
    tab: '季度报告',
    intro:
      '报区政府的季度报告（第三十六条）：按季度最后一天的数据生成，各项数字与驾驶舱、督查总览和信用体系总览当日的数字一致。',
    quarter: '报告期',
    print: '打印',
    pdf: '下载 PDF',
    xlsx: '下载 Excel',
    noPdf: '本服务器暂不能生成 PDF',
    frame: '季度报告打印页',
  },
  en: {
    tab: 'Quarterly report',
    intro:
      'The quarterly report to the district government (art. 36), made from the data of the quarter’s last day; every figure equals that day’s dashboard, supervision view and credit overview.',
    quarter: 'Quarter',
    print: 'Print',
    pdf: 'Download PDF',
    xlsx: 'Download Excel',
    noPdf: 'This server cannot make a PDF yet',
    frame: 'Quarterly report, printable page',
  },
};

/** The tab's label, in the UI language. */
export function QuarterlyReportTabLabel() {
  return <>{TEXT[useI18n().lang].tab}</>;
}

const FIRST_QUARTER = '2017-Q1';

/** Quarters that have ended, newest first, back to the policy's year (2017). */
function endedQuarters(): string[] {
  const today = dayjs();
  let year = today.year();
  let q = Math.floor(today.month() / 3); // the quarter before the current one (0 = Q4 of last year)
  if (q === 0) {
    year -= 1;
    q = 4;
  }
  const out: string[] = [];
  for (let key = `${String(year)}-Q${String(q)}`; key >= FIRST_QUARTER;) {
    out.push(key);
    q -= 1;
    if (q === 0) {
      year -= 1;
      q = 4;
    }
    key = `${String(year)}-Q${String(q)}`;
  }
  return out;
}

/**
 * The art. 36 quarterly report: the server's printable document shown as it will print
 * (A4), printed from its own frame so no navigation reaches the paper, with the PDF
 * (when the server has Chromium, otherwise how to get one) and Excel downloads.
 */
export function QuarterlyReportPage() {
  const { lang } = useI18n();
  const x = TEXT[lang];
  const url = useUrlParams();
  const quarters = endedQuarters();
  const quarter = url.get('quarter') ?? quarters[0] ?? FIRST_QUARTER;
  const report = useQuarterlyReportPrint(quarter);
  const frame = useRef<HTMLIFrameElement>(null);
  const data = report.data;
  const fit = () => {
    const doc = frame.current?.contentDocument;
    if (doc && frame.current)
      frame.current.style.height = `${String(doc.body.scrollHeight + 32)}px`;
  };

  return (
    <div data-testid="quarterly-report">
      <Card style={{ marginBottom: 16 }}>
        <p style={{ marginTop: 0 }}>{x.intro}</p>
        <Flex gap={12} wrap align="center">
          <span>{x.quarter}</span>
          <Select
            value={quarter}
            style={{ width: 140 }}
            options={quarters.map((q) => ({ value: q, label: q }))}
            onChange={(q) => url.update({ quarter: q })}
            data-testid="quarterly-report-quarter"
          />
          <Button
            type="primary"
            disabled={!data}
            onClick={() => frame.current?.contentWindow?.print()}
            data-testid="quarterly-report-print"
          >
            {x.print}
          </Button>
          <Button
            href={quarterlyReportFileUrl(quarter, 'pdf')}
            download={`quarterly-report-${quarter}.pdf`}
            disabled={!data?.pdf.available}
            data-testid="quarterly-report-pdf"
          >
            {x.pdf}
          </Button>
          <Button
            href={quarterlyReportFileUrl(quarter, 'xlsx')}
            download={`quarterly-report-${quarter}.xlsx`}
            disabled={!data}
            data-testid="quarterly-report-xlsx"
          >
            {x.xlsx}
          </Button>
        </Flex>
        {data && !data.pdf.available ? (
          <Alert
            type="warning"
            showIcon
            style={{ marginTop: 12 }}
            message={x.noPdf}
            description={
              <>
                <div>{data.pdf.messageZh}</div>
                <div>{data.pdf.messageEn}</div>
              </>
            }
            data-testid="quarterly-report-no-pdf"
          />
        ) : null}
      </Card>
      {report.isError ? (
        <ErrorAlert error={report.error} onRetry={() => void report.refetch()} />
      ) : null}
      {report.isPending ? <Spin /> : null}
      {data ? (
        <iframe
          ref={frame}
          title={x.frame}
          srcDoc={data.html}
          // No scripts run in the document; same origin lets the page print and size it.
          sandbox="allow-same-origin allow-modals"
          onLoad={fit}
          style={{ width: '100%', minHeight: 600, border: '1px solid #ddd', background: '#fff' }}
          data-testid="quarterly-report-frame"
        />
      ) : null}
    </div>
  );
}
