import { Tabs } from 'antd';
import { useCurrentUser } from '../../auth/UserContext.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useUrlParams } from '../../components/useUrlParams.ts';
import { useI18n } from '../../i18n/context.ts';
import { REPORTERS, SUPERVISORS } from './api.ts';
import { MatrixTab } from './MatrixTab.tsx';
import { MyTasksTab } from './MyTasksTab.tsx';
import { NoticesTab } from './NoticesTab.tsx';
import { OverviewTab } from './OverviewTab.tsx';
import { EVALUATED } from './EvaluationApi.ts';
import { EvaluationTab } from './EvaluationTab.tsx';
import { QuarterlyReportPage, QuarterlyReportTabLabel } from './QuarterlyReportPage.tsx';

/** Supervision (issue 8): the matrix, a unit's tasks, the district's view, notices. */
export function SupervisionPage() {
  const { t } = useI18n();
  const s = t.supervision;
  const user = useCurrentUser();
  const url = useUrlParams();
  const items = [
    { key: 'matrix', label: s.tabMatrix, children: <MatrixTab /> },
    ...(REPORTERS.includes(user.role)
      ? [{ key: 'mine', label: s.tabMine, children: <MyTasksTab /> }]
      : []),
    ...(SUPERVISORS.includes(user.role)
      ? [{ key: 'overview', label: s.tabOverview, children: <OverviewTab /> }]
      : []),
    ...(SUPERVISORS.includes(user.role)
      ? [{ key: 'report', label: <QuarterlyReportTabLabel />, children: <QuarterlyReportPage /> }]
      : []),
    ...(SUPERVISORS.includes(user.role) || EVALUATED.includes(user.role)
      ? [{ key: 'evaluation', label: t.evaluation.tab, children: <EvaluationTab /> }]
      : []),
    { key: 'notices', label: s.tabNotices, children: <NoticesTab /> },
  ];
  const active = items.find((i) => i.key === url.get('tab'))?.key ?? items[0]!.key;
  return (
    <div data-testid="supervision-page">
      <PageHeader title={s.title} subtitle={s.subtitle} />
      <Tabs
        activeKey={active}
        onChange={(k) => url.update({ tab: k })}
        destroyOnHidden
        items={items.map((i) => ({
          ...i,
          label: <span data-testid={`supervision-tab-${i.key}`}>{i.label}</span>,
        }))}
      />
    </div>
  );
}
