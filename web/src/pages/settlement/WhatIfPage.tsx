import { Alert, Button, Card, Col, Empty, Flex, Form, Row, Select, Statistic } from 'antd';
import { useMemo } from 'react';
import { useParameters } from '../../api/policy.ts';
import { useTownshipNames } from '../../api/regions.ts';
import { useWhatIf } from '../../api/settlement.ts';
import type { PolicyParameter } from '../../api/types.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { formatYuan } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useI18n } from '../../i18n/context.ts';
import { articleLabel, articleOrder } from '../policy/articles.ts';
import { formatParamValue, typedParamValue } from '../policy/paramValue.ts';
import { ComparisonTable, Delta } from './ComparisonTable.tsx';
import { ForecastCard } from './ForecastCard.tsx';
import { ParamValueInput } from './ParamValueInput.tsx';
import { useArticleLabel } from './settlementBits.tsx';
import { lastQuarter, PeriodFields, periodOf, type PeriodValues } from './PeriodFields.tsx';

interface Override {
  id?: string;
  value?: string;
}

interface WhatIfValues extends PeriodValues {
  overrides: Override[];
}

/**
 * What-if (issue 5 §5): a period re-priced with changed parameters beside the recorded
 * ones, by article and township, without saving anything; and the forecast of the
 * coming quarters.
 */
export function WhatIfPage() {
  const { t, lang } = useI18n();
  const articleName = useArticleLabel();
  const w = t.whatIf;
  const s = t.settlement;
  const [form] = Form.useForm<WhatIfValues>();
  const whatIf = useWhatIf();
  const townships = useTownshipNames();
  const params = useParameters({});
  const byId = useMemo(
    () =>
      new Map(
        [...(params.data?.items ?? [])]
          .sort(
            (a, b) => articleOrder(a.article) - articleOrder(b.article) || a.id.localeCompare(b.id),
          )
          .map((p) => [p.id, p]),
      ),
    [params.data],
  );
  const overrides = Form.useWatch('overrides', form) ?? [];
  const chosen = new Set(overrides.map((o) => o?.id));
  const title = (p: PolicyParameter) => (lang === 'zh' ? p.titleZh : p.titleEn);

  const onFinish = (v: WhatIfValues) => {
    const period = periodOf(v);
    if (period === null) return;
    const changed: Record<string, unknown> = {};
    for (const o of v.overrides) {
      const p = o.id ? byId.get(o.id) : undefined;
      if (p && o.value !== undefined) changed[p.id] = typedParamValue(p.unit, o.value);
    }
    whatIf.mutate({ period, params: changed });
  };
  const r = whatIf.data;

  return (
    <div data-testid="what-if-page">
      <PageHeader title={w.title} subtitle={w.subtitle} />
      <Alert type="info" showIcon message={w.pricedNote} style={{ marginBottom: 16 }} />
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={24} xl={12}>
          <Card title={w.scenarioTitle} size="small">
            <Form<WhatIfValues>
              form={form}
              layout="vertical"
              onFinish={onFinish}
              initialValues={{ ...lastQuarter(), overrides: [{}] }}
              data-testid="what-if-form"
            >
              <PeriodFields />
              <Form.List
                name="overrides"
                rules={[
                  {
                    validator: (_, list: Override[]) =>
                      list.length > 0
                        ? Promise.resolve()
                        : Promise.reject(new Error(w.overridesRequired)),
                  },
                ]}
              >
                {(fields, { add, remove }, { errors }) => (
                  <>
                    {fields.map((field, i) => {
                      const p = byId.get(overrides[field.name]?.id ?? '');
                      return (
                        <Flex key={field.key} gap={8} align="flex-start" data-testid="override-row">
                          <Form.Item
                            label={i === 0 ? w.param : undefined}
                            name={[field.name, 'id']}
                            rules={[{ required: true, message: w.paramRequired }]}
                            style={{ flex: 3, minWidth: 0 }}
                          >
                            <Select
                              showSearch={{ optionFilterProp: 'label' }}
                              data-testid={`override-param-${i}`}
                              onChange={(id: string) =>
                                form.setFieldValue(
                                  ['overrides', field.name, 'value'],
                                  byId.get(id)?.current?.value,
                                )
                              }
                              options={[...byId.values()].map((q) => ({
                                value: q.id,
                                label: `${articleLabel(q.article, t)} · ${title(q)} (${q.id})`,
                                disabled: chosen.has(q.id) && overrides[field.name]?.id !== q.id,
                              }))}
                            />
                          </Form.Item>
                          <Form.Item
                            label={i === 0 ? w.value : undefined}
                            name={[field.name, 'value']}
                            rules={[{ required: true, message: w.valueRequired }]}
                            extra={
                              // An enum's interpretation says what its choices mean.
                              [
                                p?.current
                                  ? w.currentIs(formatParamValue(p.unit, p.current.value, t))
                                  : null,
                                p?.unit === 'enum' ? p.interpretation : null,
                              ]
                                .filter(Boolean)
                                .join(t.common.clauseSeparator) || undefined
                            }
                            style={{ flex: 2, minWidth: 0 }}
                          >
                            <ParamValueInput param={p} testId={`override-value-${i}`} />
                          </Form.Item>
                          <Button
                            type="text"
                            danger
                            onClick={() => remove(field.name)}
                            style={{ marginTop: i === 0 ? 30 : 0 }}
                            data-testid={`override-remove-${i}`}
                          >
                            {w.remove}
                          </Button>
                        </Flex>
                      );
                    })}
                    <Form.ErrorList errors={errors} />
                    <Flex justify="space-between" gap={8}>
                      <Button type="dashed" onClick={() => add({})} data-testid="override-add">
                        {w.addOverride}
                      </Button>
                      <Button
                        type="primary"
                        htmlType="submit"
                        loading={whatIf.isPending}
                        data-testid="what-if-run"
                      >
                        {w.run}
                      </Button>
                    </Flex>
                  </>
                )}
              </Form.List>
            </Form>
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <ForecastCard />
        </Col>
      </Row>
      {whatIf.isError ? <ErrorAlert error={whatIf.error} testId="what-if-error" /> : null}
      {r ? (
        <div data-testid="what-if-result">
          <Card title={w.result(r.period)} size="small" style={{ marginBottom: 16 }}>
            <Flex gap={48} wrap>
              <Statistic
                title={w.baseline}
                value={formatYuan(r.total.baseline)}
                valueRender={(v) => <span data-testid="what-if-baseline">{v}</span>}
              />
              <Statistic
                title={w.scenario}
                value={formatYuan(r.total.scenario)}
                valueRender={(v) => <span data-testid="what-if-scenario">{v}</span>}
              />
              <Statistic
                title={w.delta}
                value={r.total.delta}
                valueRender={() => <Delta value={r.total.delta} testId="what-if-delta" />}
              />
            </Flex>
          </Card>
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={12}>
              <ComparisonTable
                title={s.byArticle}
                keyTitle={s.article}
                rows={r.byArticle}
                total={r.total}
                label={articleName}
                testId="what-if-by-article"
              />
            </Col>
            <Col xs={24} xl={12}>
              <ComparisonTable
                title={s.byTownship}
                keyTitle={s.township}
                rows={r.byTownship}
                total={r.total}
                label={(k) => townships.get(k) ?? k}
                testId="what-if-by-township"
              />
            </Col>
          </Row>
        </div>
      ) : (
        <Card size="small">
          <Empty description={w.noResult} />
        </Card>
      )}
    </div>
  );
}
