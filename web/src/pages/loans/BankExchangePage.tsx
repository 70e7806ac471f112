import { Button, Card, Flex, Select, Table, Typography, Upload } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import {
  EXCHANGE_READERS,
  poorListCsv,
  useDownloadPoorList,
  useExchangeReports,
  useMismatches,
  useUploadLedger,
  type ExchangeReport,
  type Mismatch,
  type MismatchKind,
} from '../../api/exchange.ts';
import type { ImportProblem } from '../../api/types.ts';
import { LOAN_OFFICERS } from '../../auth/roles.ts';
import { RequireRole } from '../../auth/RequireRole.tsx';
import { useCurrentUser } from '../../auth/UserContext.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { formatDateTime } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useI18n } from '../../i18n/context.ts';

/** The registered-poor list of the bank's townships, saved as CSV (the server audits it). */
function PoorListDownload() {
  const { t } = useI18n();
  const m = t.exchange;
  const download = useDownloadPoorList();
  const save = (): void =>
    download.mutate(undefined, {
      onSuccess: (list) => {
        const url = URL.createObjectURL(poorListCsv(list, m.csvHeader));
        const a = document.createElement('a');
        a.href = url;
        a.download = `建档立卡贫困户名单-${list.asOf}.csv`;
        a.click();
        URL.revokeObjectURL(url);
      },
    });
  return (
    <Card title={m.poorList} style={{ marginBottom: 16 }}>
      <Typography.Paragraph type="secondary">{m.poorListHint}</Typography.Paragraph>
      <Flex gap={12} align="center">
        <Button loading={download.isPending} onClick={save} data-testid="exchange-download">
          {m.download}
        </Button>
        {download.data ? <span>{m.downloaded(download.data.items.length)}</span> : null}
      </Flex>
      {download.isError ? <ErrorAlert error={download.error} /> : null}
    </Card>
  );
}

function LedgerUpload({ onReport }: { onReport: (id: string) => void }) {
  const { t, lang } = useI18n();
  const m = t.exchange;
  const upload = useUploadLedger();
  const [file, setFile] = useState<File | null>(null);
  const report = upload.data;
  const errorColumns: TableColumnsType<ImportProblem> = [
    { title: m.row, dataIndex: 'row', width: 80 },
    {
      title: m.message,
      render: (_, p) => (lang === 'zh' ? p.message_zh : p.message_en),
    },
  ];
  const send = (mode: 'dry-run' | 'commit'): void => {
    if (!file) return;
    upload.mutate(
      { file, mode },
      { onSuccess: (r) => (r.reportId ? onReport(r.reportId) : undefined) },
    );
  };
  return (
    <Card title={m.ledger} style={{ marginBottom: 16 }}>
      <Typography.Paragraph type="secondary">{m.ledgerHint}</Typography.Paragraph>
      <Flex gap={12} align="center" wrap>
        <Upload
          accept=".csv,.xlsx"
          maxCount={1}
          beforeUpload={(f) => {
            setFile(f);
            return false;
          }}
          onRemove={() => setFile(null)}
        >
          <Button data-testid="exchange-file">{m.ledger}</Button>
        </Upload>
        <Button disabled={!file} loading={upload.isPending} onClick={() => send('dry-run')}>
          {m.dryRun}
        </Button>
        <Button
          type="primary"
          disabled={!file}
          loading={upload.isPending}
          data-testid="exchange-commit"
          onClick={() => send('commit')}
        >
          {m.commit}
        </Button>
      </Flex>
      {upload.isError ? <ErrorAlert error={upload.error} /> : null}
      {report && report.errorCount > 0 ? (
        <Table
          style={{ marginTop: 12 }}
          title={() => `${m.errors}（${report.errorCount}）`}
          rowKey={(p) => `${p.row}-${p.field}-${p.code}`}
          size="small"
          columns={errorColumns}
          dataSource={report.errors}
          data-testid="exchange-errors"
        />
      ) : null}
      {report && report.errorCount === 0 ? (
        <Typography.Paragraph style={{ marginTop: 12 }} data-testid="exchange-summary">
          {`${m.asOf} ${report.asOf ?? ''}：${m.matched} ${report.matched}，${m.onlyInLedger} ${report.onlyInLedger}，${m.onlyInJinfu} ${report.onlyInJinfu}，${m.differing} ${report.differing}`}
        </Typography.Paragraph>
      ) : null}
    </Card>
  );
}

function MismatchList({ reportId }: { reportId: string }) {
  const { t, lang } = useI18n();
  const m = t.exchange;
  const [kind, setKind] = useState<MismatchKind | undefined>();
  const [page, setPage] = useState(1);
  const list = useMismatches(reportId, kind, page);
  const columns: TableColumnsType<Mismatch> = [
    { title: m.kind, dataIndex: 'kind', width: 140, render: (k: string) => m.kinds[k] ?? k },
    { title: m.row, dataIndex: 'row', width: 70, render: (r: number | null) => r ?? '—' },
    { title: m.message, render: (_, x) => (lang === 'zh' ? x.message_zh : x.message_en) },
  ];
  return (
    <Card title={m.mismatches}>
      <Select
        allowClear
        placeholder={m.kind}
        style={{ minWidth: 180, marginBottom: 12 }}
        value={kind}
        options={(['only_in_ledger', 'only_in_jinfu', 'differs'] as const).map((k) => ({
          value: k,
          label: m.kinds[k],
        }))}
        onChange={(v) => {
          setKind(v);
          setPage(1);
        }}
      />
      {list.isError ? <ErrorAlert error={list.error} /> : null}
      <Table
        rowKey="seq"
        size="small"
        loading={list.isFetching}
        columns={columns}
        dataSource={list.data?.items ?? []}
        data-testid="exchange-mismatches"
        pagination={{
          current: page,
          pageSize: 50,
          total: list.data?.total ?? 0,
          onChange: setPage,
        }}
      />
    </Card>
  );
}

/** Banks exchange data with Jinfu (art. 32); district roles read the reports. */
export function BankExchangePage() {
  const { t } = useI18n();
  const m = t.exchange;
  const me = useCurrentUser();
  const reports = useExchangeReports();
  const [selected, setSelected] = useState<string | null>(null);
  const bank = LOAN_OFFICERS.includes(me.role);
  const columns: TableColumnsType<ExchangeReport> = [
    { title: m.asOf, dataIndex: 'asOf' },
    { title: m.fileName, dataIndex: 'fileName' },
    { title: m.rows, dataIndex: 'rows', align: 'right' },
    { title: m.matched, dataIndex: 'matched', align: 'right' },
    { title: m.onlyInLedger, dataIndex: 'onlyInLedger', align: 'right' },
    { title: m.onlyInJinfu, dataIndex: 'onlyInJinfu', align: 'right' },
    { title: m.differing, dataIndex: 'differing', align: 'right' },
    { title: m.uploadedAt, dataIndex: 'uploadedAt', render: (v: string) => formatDateTime(v) },
  ];
  return (
    <div data-testid="bank-exchange-page">
      <PageHeader title={m.title} subtitle={m.subtitle} />
      <RequireRole user={me} roles={EXCHANGE_READERS} message={t.errors.forbidden}>
        {bank ? <PoorListDownload /> : null}
        {bank ? <LedgerUpload onReport={setSelected} /> : null}
        <Card title={m.reports} style={{ marginBottom: 16 }}>
          {reports.isError ? <ErrorAlert error={reports.error} /> : null}
          <Table
            rowKey="id"
            size="small"
            loading={reports.isFetching}
            columns={columns}
            dataSource={reports.data?.items ?? []}
            data-testid="exchange-reports"
            onRow={(r) => ({ onClick: () => setSelected(r.id), style: { cursor: 'pointer' } })}
            pagination={false}
          />
        </Card>
        {selected ? <MismatchList reportId={selected} /> : null}
      </RequireRole>
    </div>
  );
}
