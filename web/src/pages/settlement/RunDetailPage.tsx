import { Alert, Button, Card, Flex, Statistic, Tag } from 'antd';
import { Link, useParams } from 'react-router';
import { toApiError } from '../../api/client.ts';
import {
  FUND_KEEPERS,
  paymentListUrl,
  useRun,
  useRunAction,
  type RunDetail,
} from '../../api/settlement.ts';
import { useCurrentUser } from '../../auth/UserContext.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { formatDate, formatYuan } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { useBackToList } from '../../components/useBackToList.ts';
import { useI18n } from '../../i18n/context.ts';
import { paths } from '../../paths.ts';
import { RunActions } from './RunActions.tsx';
import { RunBreakdowns } from './RunBreakdowns.tsx';
import { RunDiffCard } from './RunDiffCard.tsx';
import { RunLines } from './RunLines.tsx';
import { RunSteps } from './RunSteps.tsx';
import { RunStatusTag } from './settlementBits.tsx';

function RunFacts({ d }: { d: RunDetail }) {
  const { t } = useI18n();
  const s = t.settlement;
  return (
    <Card style={{ marginBottom: 16 }}>
      <RunSteps run={d.run} />
      <Flex gap={48} wrap style={{ marginTop: 24 }}>
        <Statistic
          title={s.runTotal}
          value={formatYuan(d.run.total)}
          valueRender={(v) => <span data-testid="run-total">{v}</span>}
        />
        <Statistic
          title={s.lineCount}
          value={d.run.lineCount}
          valueRender={(v) => <span data-testid="run-line-count">{v}</span>}
        />
        <Statistic
          title={s.excluded}
          value={s.excludedOf(d.excluded.lines, formatYuan(d.excluded.total))}
          valueRender={(v) => <span data-testid="run-excluded">{v}</span>}
        />
      </Flex>
    </Card>
  );
}

export function RunDetailPage() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const user = useCurrentUser();
  const run = useRun(id);
  const step = useRunAction(id);
  const back = useBackToList(paths.settlement);
  const s = t.settlement;
  const short = toApiError(step.error).code === 'fund_insufficient';

  return (
    <div data-testid="run-detail">
      <QueryState query={run}>
        {(d) => (
          <>
            <PageHeader
              title={
                <Flex gap={12} align="center">
                  {s.detailTitle(d.run.period)}
                  <RunStatusTag status={d.run.status} />
                </Flex>
              }
              subtitle={
                <>
                  {s.periodRange(formatDate(d.run.from), formatDate(d.run.to))}
                  <Tag style={{ marginInlineStart: 8 }}>
                    {s.kindNames[d.run.kind] ?? d.run.kind}
                  </Tag>
                </>
              }
              extra={
                <Flex gap={8} wrap>
                  <Button onClick={back} data-testid="back-button">
                    {t.common.back}
                  </Button>
                  <Link to={paths.settlementRunPrint(d.run.id)} data-testid="run-print-link">
                    <Button>{s.printView}</Button>
                  </Link>
                  <Button href={paymentListUrl(d.run.id)} download data-testid="run-payment-list">
                    {s.downloadPaymentList}
                  </Button>
                  <RunActions run={d.run} step={step} />
                </Flex>
              }
            />
            {step.isError ? (
              <ErrorAlert
                error={step.error}
                testId="run-action-error"
                extra={
                  short && FUND_KEEPERS.includes(user.role) ? (
                    <Link to={paths.funds} data-testid="run-go-funds">
                      {t.funds.topUp}
                    </Link>
                  ) : undefined
                }
              />
            ) : null}
            {s.closedHint[d.run.status] ? (
              <Alert
                type="info"
                showIcon
                title={s.closedHint[d.run.status]}
                style={{ marginBottom: 16 }}
                data-testid="run-closed"
              />
            ) : null}
            <RunFacts d={d} />
            <RunBreakdowns d={d} />
            <RunDiffCard run={d.run} />
            <RunLines d={d} />
          </>
        )}
      </QueryState>
    </div>
  );
}
