import {
  App as AntApp,
  Button,
  Card,
  Descriptions,
  Flex,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { useCurrentUser } from '../../auth/UserContext.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useUrlParams } from '../../components/useUrlParams.ts';
import { useI18n } from '../../i18n/context.ts';
import {
  EVALUATED,
  EVALUATORS,
  useCompute,
  useEnterScores,
  useEvaluations,
  useFinish,
  useScheme,
  type EvaluationRow,
  type ResultLine,
  type Scheme,
  type SchemeLine,
} from './EvaluationApi.ts';

const GRADE_COLOR: Record<string, string> = {
  优秀: 'green',
  良好: 'blue',
  一般: 'gold',
  勉励: 'default',
};

/**
 * Art. 35's evaluation: the year's scheme; for evaluators computing the quantitative
 * items, entering the qualitative ones, finishing, and the ranking; for an institution's
 * users only its own result (the server answers nothing else).
 */
export function EvaluationTab() {
  const { t, lang } = useI18n();
  const e = t.evaluation;
  const user = useCurrentUser();
  const { message } = AntApp.useApp();
  const url = useUrlParams();
  const asked = url.get('year');
  const scheme = useScheme(asked ? Number(asked) : undefined);
  const year = asked ? Number(asked) : scheme.data?.year;
  const list = useEvaluations(year);
  const compute = useCompute();
  const finish = useFinish();
  const evaluator = EVALUATORS.includes(user.role);
  const own = EVALUATED.includes(user.role);
  const [scoring, setScoring] = useState<EvaluationRow | null>(null);
  const pick = (zh: string, en: string) => (lang === 'zh' ? zh : en);

  const columns: TableColumnsType<EvaluationRow> = [
    ...(own ? [] : [{ title: e.rank, dataIndex: 'rank', width: 70 }]),
    {
      title: e.institution,
      key: 'name',
      render: (_: unknown, r: EvaluationRow) => pick(r.nameZh, r.nameEn),
    },
    { title: e.total, dataIndex: 'total', width: 90 },
    {
      title: e.grade,
      dataIndex: 'grade',
      width: 90,
      render: (g: string) => <Tag color={GRADE_COLOR[g]}>{g}</Tag>,
    },
    {
      title: e.status,
      dataIndex: 'status',
      width: 100,
      render: (s: string) => e.statuses[s] ?? s,
    },
    { title: e.asOf, dataIndex: 'asOf', width: 110 },
    ...(evaluator
      ? [
          {
            title: '',
            key: 'actions',
            width: 190,
            render: (_: unknown, r: EvaluationRow) =>
              r.status === 'finished' ? null : (
                <Flex gap={8}>
                  <Button size="small" onClick={() => setScoring(r)}>
                    {e.score}
                  </Button>
                  <Popconfirm
                    title={e.finishConfirm}
                    onConfirm={() =>
                      finish.mutate(
                        { year: year!, institutionId: r.institutionId },
                        { onSuccess: () => void message.success(e.finished) },
                      )
                    }
                  >
                    <Button size="small" danger>
                      {e.finish}
                    </Button>
                  </Popconfirm>
                </Flex>
              ),
          },
        ]
      : []),
  ];

  return (
    <div data-testid="supervision-evaluation">
      <Typography.Paragraph type="secondary">{e.intro}</Typography.Paragraph>
      <Flex gap={12} align="center" wrap style={{ marginBottom: 12 }}>
        <span>{e.year}</span>
        <InputNumber
          data-testid="evaluation-year"
          min={2015}
          max={2100}
          value={year}
          onChange={(v) => url.update({ year: v === null ? undefined : String(v) })}
        />
        {evaluator && year !== undefined ? (
          <Button
            type="primary"
            data-testid="evaluation-compute"
            loading={compute.isPending}
            onClick={() =>
              compute.mutate(
                { year },
                {
                  onSuccess: (r) => void message.success(e.computed(r.asOf, r.computed.length)),
                },
              )
            }
          >
            {e.compute}
          </Button>
        ) : null}
      </Flex>
      {[scheme, list, compute, finish].map((q, i) =>
        q.isError ? <ErrorAlert key={i} error={q.error} /> : null,
      )}
      {scheme.data ? <SchemeCard scheme={scheme.data} /> : null}
      <Card size="small" title={own ? e.own : e.ranking} style={{ marginTop: 12 }}>
        <Table<EvaluationRow>
          data-testid="evaluation-results"
          rowKey="institutionId"
          size="small"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          locale={{ emptyText: e.none }}
          pagination={false}
          expandable={{ expandedRowRender: (r) => <Lines lines={r.lines} /> }}
        />
      </Card>
      {scoring && scheme.data && year !== undefined ? (
        <ScoreModal
          year={year}
          row={scoring}
          scheme={scheme.data}
          onClose={() => setScoring(null)}
        />
      ) : null}
    </div>
  );
}

function SchemeCard({ scheme }: { scheme: Scheme }) {
  const { t, lang } = useI18n();
  const e = t.evaluation;
  const pick = (zh: string | null, en: string | null) => (lang === 'zh' ? zh : en);
  const columns: TableColumnsType<SchemeLine> = [
    { title: e.item, key: 'title', render: (_: unknown, x) => pick(x.titleZh, x.titleEn) },
    { title: e.kind, dataIndex: 'kind', width: 80, render: (k: string) => e.kinds[k] ?? k },
    { title: e.of, dataIndex: 'of', width: 80 },
    {
      title: e.indicator,
      key: 'indicator',
      render: (_: unknown, x) => (x.computed ? pick(x.indicatorZh, x.indicatorEn) : e.entered),
    },
    { title: e.rule, key: 'rule', render: (_: unknown, x) => pick(x.ruleZh, x.ruleEn) },
  ];
  return (
    <Card size="small" title={e.scheme(scheme.year, scheme.version)}>
      <Table<SchemeLine>
        data-testid="evaluation-scheme"
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={scheme.items}
        pagination={false}
      />
      <Typography.Paragraph style={{ marginTop: 8 }}>
        {e.bands}：{scheme.bands.map((b) => e.bandFrom(b.grade, b.from)).join('；')}
      </Typography.Paragraph>
    </Card>
  );
}

/** Each line's points of its weight; a computed one with its indicator, value and rule. */
function Lines({ lines }: { lines: ResultLine[] }) {
  const { t, lang } = useI18n();
  const e = t.evaluation;
  const pick = (zh: string | null, en: string | null) => (lang === 'zh' ? zh : en);
  return (
    <Descriptions size="small" column={1} bordered>
      {lines.map((l) => (
        <Descriptions.Item key={l.id} label={pick(l.titleZh, l.titleEn)}>
          <strong>
            {l.points} / {l.of}
          </strong>
          {l.computed ? (
            <div>
              {pick(l.computed.indicatorZh, l.computed.indicatorEn)}：{e.value}{' '}
              {l.computed.value ?? e.noData}（{e.numerator}{' '}
              {pick(l.computed.numeratorZh, l.computed.numeratorEn)} {l.computed.numerator ?? '—'}
              {l.computed.denominator !== null
                ? `；${e.denominator} ${pick(l.computed.denominatorZh, l.computed.denominatorEn) ?? ''} ${l.computed.denominator}`
                : ''}
              ）<br />
              {e.rule}：{pick(l.computed.ruleZh, l.computed.ruleEn)}
            </div>
          ) : null}
        </Descriptions.Item>
      ))}
    </Descriptions>
  );
}

/** The entered items, bonuses and penalties of one institution's evaluation. */
function ScoreModal(props: {
  year: number;
  row: EvaluationRow;
  scheme: Scheme;
  onClose: () => void;
}) {
  const { t, lang } = useI18n();
  const e = t.evaluation;
  const { message } = AntApp.useApp();
  const enter = useEnterScores();
  const entered = props.scheme.items.filter((x) => !x.computed);
  const current = new Map(props.row.lines.map((l) => [l.id, l.points]));
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(entered.map((x) => [x.id, current.get(x.id) ?? '0'])),
  );
  const kindOf = (k: SchemeLine['kind']) =>
    k === 'bonus' ? 'bonus' : k === 'penalty' ? 'penalty' : 'item';
  return (
    <Modal
      open
      title={e.scoreTitle(lang === 'zh' ? props.row.nameZh : props.row.nameEn)}
      onCancel={props.onClose}
      confirmLoading={enter.isPending}
      onOk={() =>
        enter.mutate(
          {
            year: props.year,
            institutionId: props.row.institutionId,
            scores: entered.map((x) => ({ kind: kindOf(x.kind), id: x.id, points: values[x.id]! })),
          },
          {
            onSuccess: (r) => {
              void message.success(e.saved(r.total, r.grade));
              props.onClose();
            },
          },
        )
      }
    >
      {enter.isError ? <ErrorAlert error={enter.error} /> : null}
      {entered.map((x) => (
        <Flex key={x.id} gap={8} align="center" style={{ marginBottom: 8 }}>
          <span style={{ flex: 1 }}>
            {lang === 'zh' ? x.titleZh : x.titleEn}（{e.kinds[x.kind]}，0–{x.of}）
          </span>
          <Input
            data-testid={`evaluation-score-${x.id}`}
            style={{ width: 100 }}
            value={values[x.id]}
            onChange={(ev) => setValues({ ...values, [x.id]: ev.target.value })}
          />
        </Flex>
      ))}
    </Modal>
  );
}
