import {
  Button,
  Card,
  Flex,
  Input,
  InputNumber,
  Modal,
  Select,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import {
  PRECISION_CHECKS,
  PRECISION_READERS,
  PRECISION_WRITERS,
  useFindings,
  useResolveFinding,
  useRunChecks,
  type FindingStatus,
  type PrecisionCheck,
  type PrecisionFinding,
} from '../../api/precision.ts';
import { RequireRole } from '../../auth/RequireRole.tsx';
import { useCurrentUser } from '../../auth/UserContext.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { displayValue, formatDateTime } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useI18n } from '../../i18n/context.ts';
import { HouseholdLink } from './loanBits.tsx';

function RunChecks() {
  const { t } = useI18n();
  const m = t.precision;
  const run = useRunChecks();
  const [ages, setAges] = useState({ minAge: 18, maxAge: 65 });
  const total = run.data ? Object.values(run.data.found).reduce((s, n) => s + n, 0) : 0;
  return (
    <Flex gap={12} align="center" wrap style={{ marginBottom: 16 }}>
      <span>{m.minAge}</span>
      <InputNumber
        min={0}
        max={120}
        value={ages.minAge}
        onChange={(v) => setAges({ ...ages, minAge: v ?? 18 })}
      />
      <span>{m.maxAge}</span>
      <InputNumber
        min={0}
        max={120}
        value={ages.maxAge}
        onChange={(v) => setAges({ ...ages, maxAge: v ?? 65 })}
      />
      <Button
        type="primary"
        loading={run.isPending}
        data-testid="precision-run"
        onClick={() => run.mutate(ages)}
      >
        {m.run}
      </Button>
      {run.data ? (
        <Typography.Text data-testid="precision-ran">
          {m.ran(total, run.data.opened, run.data.cleared)}
        </Typography.Text>
      ) : null}
      {run.isError ? <ErrorAlert error={run.error} /> : null}
    </Flex>
  );
}

function ResolveDialog({ finding, onClose }: { finding: PrecisionFinding; onClose: () => void }) {
  const { t } = useI18n();
  const m = t.precision;
  const resolve = useResolveFinding();
  const [reason, setReason] = useState('');
  const blank = reason.trim() === '';
  return (
    <Modal
      open
      title={`${m.resolve}：${m.checks[finding.check] ?? finding.check}`}
      okText={m.confirm}
      okButtonProps={{ disabled: blank, loading: resolve.isPending }}
      onCancel={onClose}
      onOk={() =>
        resolve.mutate(
          { id: finding.id, version: finding.version, reason: reason.trim() },
          { onSuccess: onClose },
        )
      }
    >
      <Input.TextArea
        rows={4}
        maxLength={200}
        placeholder={m.reason}
        value={reason}
        data-testid="precision-reason"
        onChange={(e) => setReason(e.target.value)}
      />
      {blank ? <Typography.Text type="secondary">{m.reasonRequired}</Typography.Text> : null}
      {resolve.isError ? <ErrorAlert error={resolve.error} /> : null}
    </Modal>
  );
}

/** The poverty office's worklist of precision-check findings. */
export function PrecisionChecksPage() {
  const { t } = useI18n();
  const m = t.precision;
  const me = useCurrentUser();
  const [check, setCheck] = useState<PrecisionCheck | undefined>();
  const [status, setStatus] = useState<FindingStatus | undefined>('open');
  const [township, setTownship] = useState('');
  const [page, setPage] = useState(1);
  const [resolving, setResolving] = useState<PrecisionFinding | null>(null);
  const findings = useFindings({
    check,
    status,
    township: township.trim() || undefined,
    page,
    pageSize: 20,
  });
  const canWrite = PRECISION_WRITERS.includes(me.role);
  const columns: TableColumnsType<PrecisionFinding> = [
    { title: m.check, dataIndex: 'check', render: (c: string) => m.checks[c] ?? c },
    {
      title: m.status,
      dataIndex: 'status',
      render: (s: string) => (
        <Tag color={s === 'open' ? 'red' : s === 'resolved' ? 'green' : 'default'}>
          {m.statuses[s] ?? s}
        </Tag>
      ),
    },
    { title: m.township, dataIndex: 'townshipCode' },
    {
      title: m.household,
      render: (_, f) => (
        <span>
          <HouseholdLink id={f.householdId} /> {f.headIdNumber ?? ''}
        </span>
      ),
    },
    { title: m.contractNo, dataIndex: 'contractNo', render: (v: string | null) => v ?? '—' },
    {
      title: m.detail,
      render: (_, f) => (
        <Typography.Text style={{ fontSize: 12 }}>
          {Object.entries(f.detail)
            .filter(([, v]) => typeof v !== 'object' || v === null)
            .map(([k, v]) => `${k}: ${displayValue(v)}`)
            .join('；')}
        </Typography.Text>
      ),
    },
    { title: m.foundAt, dataIndex: 'foundAt', render: (v: string) => formatDateTime(v) },
    {
      title: m.resolution,
      render: (_, f) =>
        f.status === 'resolved' ? (
          `${f.resolution ?? ''}（${f.resolvedBy ?? ''}）`
        ) : canWrite ? (
          <Button size="small" data-testid="precision-resolve" onClick={() => setResolving(f)}>
            {m.resolve}
          </Button>
        ) : null,
    },
  ];
  return (
    <div data-testid="precision-checks-page">
      <PageHeader title={m.title} subtitle={m.subtitle} />
      <RequireRole user={me} roles={PRECISION_READERS} message={t.errors.forbidden}>
        {canWrite ? <RunChecks /> : null}
        <Card>
          <Flex gap={12} wrap style={{ marginBottom: 12 }}>
            <Select
              allowClear
              placeholder={m.check}
              style={{ minWidth: 240 }}
              value={check}
              options={PRECISION_CHECKS.map((c) => ({ value: c, label: m.checks[c] }))}
              onChange={(v) => {
                setCheck(v);
                setPage(1);
              }}
            />
            <Select
              allowClear
              placeholder={m.status}
              style={{ minWidth: 140 }}
              value={status}
              options={(['open', 'cleared', 'resolved'] as const).map((s) => ({
                value: s,
                label: m.statuses[s],
              }))}
              onChange={(v) => {
                setStatus(v);
                setPage(1);
              }}
            />
            <Input
              placeholder={m.township}
              style={{ width: 160 }}
              value={township}
              onChange={(e) => {
                setTownship(e.target.value);
                setPage(1);
              }}
            />
          </Flex>
          {findings.isError ? <ErrorAlert error={findings.error} /> : null}
          <Table
            rowKey="id"
            size="small"
            loading={findings.isFetching}
            columns={columns}
            dataSource={findings.data?.items ?? []}
            data-testid="precision-findings"
            pagination={{
              current: page,
              pageSize: 20,
              total: findings.data?.total ?? 0,
              onChange: setPage,
            }}
          />
        </Card>
        {resolving ? (
          <ResolveDialog finding={resolving} onClose={() => setResolving(null)} />
        ) : null}
      </RequireRole>
    </div>
  );
}
