import { Button, Card, Descriptions, Empty, Flex, Spin, Table, Timeline, Typography } from 'antd';
import type { DescriptionsProps, TableColumnsType } from 'antd';
import { useLocation, useNavigate, useParams } from 'react-router';
import { useBackToList } from '../../components/useBackToList.ts';
import { useHousehold, useHouseholdHistory } from '../../api/households.ts';
import { useRegions } from '../../api/regions.ts';
import type { Household, HouseholdMember, PovertyHistoryEntry } from '../../api/types.ts';
import { AuditEntries } from '../../components/AuditEntries.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { fillLast, formatDate, formatDateTime } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { PovertyStatusTag } from '../../components/StatusTags.tsx';
import { useI18n } from '../../i18n/context.ts';
import { paths } from '../../paths.ts';
import { LOAN_READERS } from '../../auth/roles.ts';
import { useCurrentUser } from '../../auth/UserContext.ts';
import { AssetIncomeCard } from './AssetIncomeCard.tsx';
import { HouseholdLoans } from './HouseholdLoans.tsx';

function statusColor(s: PovertyHistoryEntry['status']): string {
  return s === 'registered_poor' ? 'red' : s === 'lifted' ? 'green' : 'gray';
}

function GroupName({ villageCode, groupCode }: { villageCode: string; groupCode: string | null }) {
  const { t } = useI18n();
  const groups = useRegions('group', villageCode, Boolean(groupCode));
  if (!groupCode) return <>{t.common.empty}</>;
  const g = groups.data?.find((r) => r.code === groupCode);
  return <>{g ? t.common.placeName(g.nameZh, g.nameEn) : groupCode}</>;
}

function BasicInfo({ h }: { h: Household }) {
  const { t } = useI18n();
  const items: DescriptionsProps['items'] = [
    { key: 'no', label: t.households.householdNo, children: h.householdNo },
    { key: 'head', label: t.households.headName, children: h.headName },
    {
      key: 'id',
      label: t.households.headIdNumber,
      children: (
        <Typography.Text copyable data-testid="household-id-number">
          {h.headIdNumber}
        </Typography.Text>
      ),
    },
    {
      key: 'phone',
      label: t.households.phone,
      children: <span data-testid="household-phone">{h.phone || t.common.empty}</span>,
    },
    {
      key: 'status',
      label: t.households.povertyStatus,
      children: <PovertyStatusTag status={h.povertyStatus} />,
    },
    { key: 'members', label: t.households.memberCount, children: h.members.length },
    {
      key: 'township',
      label: t.regions.township,
      children: <span data-testid="household-township">{h.townshipName}</span>,
    },
    {
      key: 'village',
      label: t.regions.village,
      children: <span data-testid="household-village">{h.villageName}</span>,
    },
    {
      key: 'group',
      label: t.regions.group,
      children: <GroupName villageCode={h.villageCode} groupCode={h.groupCode} />,
    },
    {
      key: 'address',
      label: t.households.address,
      children: h.address || t.common.empty,
      span: 'filled',
    },
    {
      key: 'account',
      label: t.households.subsidyAccount,
      children: h.subsidyAccount || t.common.empty,
    },
    { key: 'version', label: t.households.version, children: h.version },
  ];
  return (
    <Card title={t.households.basicInfo} style={{ marginBottom: 16 }}>
      <Descriptions
        items={fillLast(items)}
        column={{ xs: 1, sm: 2, lg: 3 }}
        size="small"
        data-testid="household-detail"
      />
    </Card>
  );
}

function Members({ members }: { members: HouseholdMember[] }) {
  const { t } = useI18n();
  const columns: TableColumnsType<HouseholdMember> = [
    { title: t.households.memberName, dataIndex: 'name' },
    { title: t.households.memberIdNumber, dataIndex: 'idNumber' },
    { title: t.households.relation, dataIndex: 'relation' },
    {
      title: t.households.birthDate,
      dataIndex: 'birthDate',
      render: (v: string | null) => formatDate(v) || t.common.empty,
    },
  ];
  return (
    <Card title={t.households.members} style={{ marginBottom: 16 }}>
      <div data-testid="household-members">
        <Table<HouseholdMember>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={members}
          pagination={false}
          scroll={{ x: 600 }}
        />
      </div>
    </Card>
  );
}

function PovertyHistory({ history }: { history: PovertyHistoryEntry[] }) {
  const { t } = useI18n();
  const sorted = [...history].sort((a, b) =>
    a.effectiveFrom === b.effectiveFrom
      ? b.recordedAt.localeCompare(a.recordedAt)
      : b.effectiveFrom.localeCompare(a.effectiveFrom),
  );
  return (
    <Card title={t.households.povertyHistory} style={{ marginBottom: 16 }}>
      {sorted.length ? (
        <Timeline
          data-testid="poverty-timeline"
          items={sorted.map((e, i) => ({
            key: `${e.effectiveFrom}-${e.recordedAt}-${i}`,
            color: statusColor(e.status),
            content: (
              <div data-testid="poverty-timeline-item" data-status={e.status}>
                <Flex gap={8} align="center" wrap>
                  <Typography.Text strong>{formatDate(e.effectiveFrom)}</Typography.Text>
                  <PovertyStatusTag status={e.status} />
                </Flex>
                <Typography.Text type="secondary">
                  {t.households.sourceIs(e.source || t.common.empty)}
                  {t.common.clauseSeparator}
                  {t.households.recordedAtIs(formatDateTime(e.recordedAt))}
                </Typography.Text>
              </div>
            ),
          }))}
        />
      ) : (
        <Empty description={t.households.noPovertyHistory} />
      )}
    </Card>
  );
}

function ChangeHistory({ id }: { id: string }) {
  const { t } = useI18n();
  const history = useHouseholdHistory(id);
  return (
    <Card title={t.households.changeHistory} data-testid="household-history">
      {history.isPending ? (
        <Spin />
      ) : history.isError ? (
        <ErrorAlert error={history.error} onRetry={() => void history.refetch()} />
      ) : (
        <AuditEntries entries={history.data} emptyText={t.households.noChangeHistory} />
      )}
    </Card>
  );
}

export function HouseholdDetailPage() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const location = useLocation();
  const back = useBackToList(paths.households);
  const household = useHousehold(id);
  const user = useCurrentUser();

  return (
    <div data-testid="household-detail-page">
      <QueryState query={household}>
        {(h) => (
          <>
            <PageHeader
              title={t.households.detailTitle(h.headName)}
              subtitle={h.householdNo}
              extra={
                <Flex gap={8}>
                  <Button onClick={back} data-testid="back-button">
                    {t.common.back}
                  </Button>
                  <Button
                    type="primary"
                    data-testid="household-edit"
                    onClick={() =>
                      void navigate(paths.householdEdit(h.id), { state: location.state })
                    }
                  >
                    {t.common.edit}
                  </Button>
                </Flex>
              }
            />
            <BasicInfo h={h} />
            <Members members={h.members} />
            <PovertyHistory history={h.povertyHistory} />
            {LOAN_READERS.includes(user.role) ? <HouseholdLoans householdId={h.id} /> : null}
            {LOAN_READERS.includes(user.role) ? <AssetIncomeCard householdId={h.id} /> : null}
            <ChangeHistory id={h.id} />
          </>
        )}
      </QueryState>
    </div>
  );
}
