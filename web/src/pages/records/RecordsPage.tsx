import {
  Alert,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Flex,
  Form,
  Input,
  Select,
  Table,
  Tabs,
  Upload,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useInstitutions } from '../../api/institutions.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { TownshipSelect } from '../../components/RegionSelects.tsx';
import { useI18n } from '../../i18n/context.ts';
import { useInstitutionNames } from '../loans/loanBits.tsx';
import { DemonstrationVillagesTab } from './DemonstrationVillagesTab.tsx';
import {
  STAGES,
  templateUrl,
  useCompanies,
  useRecord,
  useRelending,
  useReports,
  useUploadReport,
  type Company,
} from './recordsApi.ts';

// The page's own words in both languages (decision 0020).
const WORDS = {
  zh: {
    title: '统计报表、再贷款与上市挂牌',
    statistics: '统计报表（Excel）',
    template: '下载统计报表模板',
    upload: '上传填好的模板',
    uploaded: '已报送，待人行审批',
    relending: '扶贫再贷款（第二十九条）',
    markets: '上市挂牌后备企业（第二十三条）',
    demonstration: '金融扶贫示范村（第二条）',
    quota: '已获指标',
    drawn: '累放金额',
    outstanding: '使用余额',
    available: '可用指标',
    recordQuota: '登记指标',
    recordUse: '登记借用/归还',
    reference: '编号',
    date: '日期',
    amount: '金额（元）',
    bank: '银行',
    kind: '类型',
    drawdown: '借用',
    repayment: '归还',
    company: '企业名称',
    uscc: '统一社会信用代码',
    township: '乡镇',
    stage: '阶段',
    since: '起始日期',
    addCompany: '登记企业',
    moveStage: '登记新阶段',
    period: '统计期',
    status: '状态',
    save: '保存',
    stages: {
      cultivating: '培育',
      tutoring: '辅导',
      filing: '申报',
      regional_quoted: '挂牌-区域股权',
      neeq_quoted: '挂牌-新三板',
      listed: '上市',
    } as Record<string, string>,
  },
  en: {
    title: 'Statistics, relending and the listing pipeline',
    statistics: 'Statistics (Excel)',
    template: 'Download the statistics template',
    upload: 'Upload the filled-in template',
    uploaded: 'Submitted; awaiting the PBOC',
    relending: 'Poverty relending (art. 29)',
    markets: 'Listing pipeline (art. 23)',
    demonstration: 'Demonstration villages (art. 2)',
    quota: 'Quota granted',
    drawn: 'Drawn in total',
    outstanding: 'Outstanding',
    available: 'Available',
    recordQuota: 'Record a quota',
    recordUse: 'Record a drawdown / repayment',
    reference: 'Reference',
    date: 'Date',
    amount: 'Amount (yuan)',
    bank: 'Bank',
    kind: 'Kind',
    drawdown: 'Drawdown',
    repayment: 'Repayment',
    company: 'Company',
    uscc: 'Unified social credit code',
    township: 'Township',
    stage: 'Stage',
    since: 'Since',
    addCompany: 'Record a company',
    moveStage: 'Record a new stage',
    period: 'Period',
    status: 'Status',
    save: 'Save',
    stages: {
      cultivating: 'Cultivating',
      tutoring: 'Tutoring',
      filing: 'Filing',
      regional_quoted: 'Regional market',
      neeq_quoted: 'NEEQ',
      listed: 'Listed',
    } as Record<string, string>,
  },
};

const day = (d: Dayjs | undefined) => d?.format('YYYY-MM-DD');

function StatisticsTab({ w }: { w: (typeof WORDS)['zh'] }) {
  const reports = useReports();
  const bankName = useInstitutionNames();
  const upload = useUploadReport();
  const [period, setPeriod] = useState('');
  return (
    <Card>
      <Flex gap={12} align="center" wrap style={{ marginBottom: 16 }}>
        <Input
          placeholder="2017-Q1"
          style={{ width: 120 }}
          value={period}
          onChange={(e) => setPeriod(e.target.value)}
        />
        <Button href={templateUrl(period || undefined)} download data-testid="stats-template">
          {w.template}
        </Button>
        <Upload
          accept=".xlsx"
          maxCount={1}
          showUploadList={false}
          beforeUpload={(f) => {
            upload.mutate(f);
            return false;
          }}
        >
          <Button type="primary" loading={upload.isPending} data-testid="stats-upload">
            {w.upload}
          </Button>
        </Upload>
      </Flex>
      {upload.error ? <ErrorAlert error={upload.error} /> : null}
      {upload.isSuccess ? <Alert type="success" showIcon message={w.uploaded} /> : null}
      <Table
        rowKey="id"
        size="small"
        loading={reports.isLoading}
        dataSource={reports.data?.items ?? []}
        columns={[
          { title: w.period, dataIndex: 'period' },
          {
            title: w.bank,
            dataIndex: 'institutionId',
            render: (id: string) => bankName.get(id) ?? id,
          },
          { title: w.status, dataIndex: 'status' },
        ]}
      />
    </Card>
  );
}

function RelendingTab({ w }: { w: (typeof WORDS)['zh'] }) {
  const position = useRelending();
  const banks = useInstitutions();
  const bankName = useInstitutionNames();
  const quota = useRecord(() => '/relending/quotas');
  const use = useRecord(() => '/relending/uses');
  const p = position.data;
  return (
    <Card>
      <Descriptions size="small" column={4} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={w.quota}>{p?.quota ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={w.drawn}>{p?.drawn ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={w.outstanding}>{p?.outstanding ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={w.available}>{p?.available ?? '—'}</Descriptions.Item>
      </Descriptions>
      <Form
        layout="inline"
        style={{ marginBottom: 12 }}
        onFinish={(v: { reference: string; on: Dayjs; amount: string }) =>
          quota.mutate({ reference: v.reference, grantedOn: day(v.on), amount: v.amount })
        }
      >
        <Form.Item name="reference" rules={[{ required: true }]}>
          <Input placeholder={w.reference} />
        </Form.Item>
        <Form.Item name="on" rules={[{ required: true }]}>
          <DatePicker placeholder={w.date} />
        </Form.Item>
        <Form.Item name="amount" rules={[{ required: true }]}>
          <Input placeholder={w.amount} />
        </Form.Item>
        <Button htmlType="submit" loading={quota.isPending}>
          {w.recordQuota}
        </Button>
      </Form>
      {quota.error ? <ErrorAlert error={quota.error} /> : null}
      <Form
        layout="inline"
        style={{ marginBottom: 12 }}
        onFinish={(v: {
          bank: string;
          kind: string;
          reference: string;
          on: Dayjs;
          amount: string;
        }) =>
          use.mutate({
            institutionId: v.bank,
            kind: v.kind,
            reference: v.reference,
            usedOn: day(v.on),
            amount: v.amount,
          })
        }
      >
        <Form.Item name="bank" rules={[{ required: true }]}>
          <Select
            placeholder={w.bank}
            style={{ width: 180 }}
            options={(banks.data ?? [])
              .filter((b) => b.kind.includes('bank'))
              .map((b) => ({ value: b.id, label: bankName.get(b.id) ?? b.id }))}
          />
        </Form.Item>
        <Form.Item name="kind" initialValue="drawdown">
          <Select
            style={{ width: 100 }}
            options={[
              { value: 'drawdown', label: w.drawdown },
              { value: 'repayment', label: w.repayment },
            ]}
          />
        </Form.Item>
        <Form.Item name="reference" rules={[{ required: true }]}>
          <Input placeholder={w.reference} />
        </Form.Item>
        <Form.Item name="on" rules={[{ required: true }]}>
          <DatePicker placeholder={w.date} />
        </Form.Item>
        <Form.Item name="amount" rules={[{ required: true }]}>
          <Input placeholder={w.amount} />
        </Form.Item>
        <Button htmlType="submit" loading={use.isPending}>
          {w.recordUse}
        </Button>
      </Form>
      {use.error ? <ErrorAlert error={use.error} /> : null}
      <Table
        rowKey="id"
        size="small"
        dataSource={p?.uses ?? []}
        columns={[
          { title: w.date, dataIndex: 'usedOn' },
          {
            title: w.bank,
            dataIndex: 'institutionId',
            render: (id: string) => bankName.get(id) ?? id,
          },
          {
            title: w.kind,
            dataIndex: 'kind',
            render: (k: string) => (k === 'drawdown' ? w.drawdown : w.repayment),
          },
          { title: w.reference, dataIndex: 'reference' },
          { title: w.amount, dataIndex: 'amount', align: 'right' },
        ]}
      />
    </Card>
  );
}

function MarketsTab({ w }: { w: (typeof WORDS)['zh'] }) {
  const companies = useCompanies();
  const create = useRecord(() => '/markets/companies');
  const move = useRecord(
    (b: { id: string; version: number; stage: string; reachedOn?: string | undefined }) =>
      `/markets/companies/${encodeURIComponent(b.id)}/stages`,
  );
  const stageOptions = STAGES.map((s) => ({ value: s, label: w.stages[s] }));
  const [moving, setMoving] = useState<Company | null>(null);
  return (
    <Card>
      <Form
        layout="inline"
        style={{ marginBottom: 12 }}
        onFinish={(v: { name: string; uscc: string; township: string; stage: string; on: Dayjs }) =>
          create.mutate({ ...v, on: undefined, reachedOn: day(v.on) })
        }
      >
        <Form.Item name="name" rules={[{ required: true }]}>
          <Input placeholder={w.company} />
        </Form.Item>
        <Form.Item name="uscc" rules={[{ required: true }]}>
          <Input placeholder={w.uscc} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="township" rules={[{ required: true }]}>
          <TownshipSelect testId="records-township" style={{ width: 140 }} />
        </Form.Item>
        <Form.Item name="stage" rules={[{ required: true }]}>
          <Select placeholder={w.stage} style={{ width: 140 }} options={stageOptions} />
        </Form.Item>
        <Form.Item name="on" rules={[{ required: true }]}>
          <DatePicker placeholder={w.since} />
        </Form.Item>
        <Button htmlType="submit" loading={create.isPending}>
          {w.addCompany}
        </Button>
      </Form>
      {create.error ? <ErrorAlert error={create.error} /> : null}
      {moving ? (
        <Form
          layout="inline"
          style={{ marginBottom: 12 }}
          onFinish={(v: { stage: string; on: Dayjs }) =>
            move.mutate(
              { id: moving.id, version: moving.version, stage: v.stage, reachedOn: day(v.on) },
              { onSuccess: () => setMoving(null) },
            )
          }
        >
          <Form.Item label={moving.name} name="stage" rules={[{ required: true }]}>
            <Select style={{ width: 140 }} options={stageOptions} />
          </Form.Item>
          <Form.Item name="on" rules={[{ required: true }]}>
            <DatePicker placeholder={w.since} />
          </Form.Item>
          <Button htmlType="submit" loading={move.isPending}>
            {w.save}
          </Button>
        </Form>
      ) : null}
      {move.error ? <ErrorAlert error={move.error} /> : null}
      <Table
        rowKey="id"
        size="small"
        loading={companies.isLoading}
        dataSource={companies.data?.items ?? []}
        columns={[
          { title: w.company, dataIndex: 'name' },
          { title: w.uscc, dataIndex: 'uscc' },
          { title: w.township, dataIndex: 'township' },
          {
            title: w.stage,
            key: 'stage',
            render: (_: unknown, c: Company) =>
              c.history.map((h) => `${w.stages[h.stage] ?? h.stage} ${h.reachedOn}`).join(' → '),
          },
          {
            key: 'move',
            render: (_: unknown, c: Company) => (
              <Button size="small" onClick={() => setMoving(c)}>
                {w.moveStage}
              </Button>
            ),
          },
        ]}
      />
    </Card>
  );
}

/**
 * Statistics by Excel, art. 29 relending and the art. 23 pipeline (decision 0020), and
 * art. 2's demonstration villages (decision 0025).
 */
export function RecordsPage() {
  const { lang } = useI18n();
  const w = WORDS[lang];
  return (
    <>
      <PageHeader title={w.title} />
      <Tabs
        items={[
          { key: 'statistics', label: w.statistics, children: <StatisticsTab w={w} /> },
          { key: 'relending', label: w.relending, children: <RelendingTab w={w} /> },
          { key: 'markets', label: w.markets, children: <MarketsTab w={w} /> },
          {
            key: 'demonstration',
            label: w.demonstration,
            children: <DemonstrationVillagesTab />,
          },
        ]}
      />
    </>
  );
}
