import { Button, Card, Col, Row, Space, Tag, Tooltip } from 'antd';
import { useCurrentUser } from '../../auth/UserContext.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useI18n } from '../../i18n/context.ts';
import { PROPOSERS, useCreditWrite, type AreaRow, type Overview } from './creditApi.ts';

const colourOf = (r: AreaRow) =>
  r.designated ? '#d9f7be' : r.verdict.qualifies ? '#e6f4ff' : '#fafafa';

/** Villages as tiles coloured by designation, grouped under their township. */
export function VillageGrid({
  data,
  onOpen,
}: {
  data: Overview;
  onOpen: (village: string) => void;
}) {
  const { t, lang } = useI18n();
  const c = t.creditSystem;
  const user = useCurrentUser();
  const propose = useCreditWrite<object>('/credit/proposals');
  const proposeHouseholds = useCreditWrite<object>('/credit/proposals/households');
  const canPropose = PROPOSERS.includes(user.role);
  const name = (r: AreaRow) => (lang === 'zh' ? r.nameZh : r.nameEn);
  const status = (r: AreaRow) =>
    r.designated ? c.designated : r.verdict.qualifies ? c.qualifies : c.notQualified;
  return (
    <div data-testid="credit-grid">
      {propose.isError ? <ErrorAlert error={propose.error} /> : null}
      {proposeHouseholds.isError ? <ErrorAlert error={proposeHouseholds.error} /> : null}
      <div style={{ marginBottom: 12, color: '#666' }}>
        {c.targets(
          data.targets.collectionRateMin,
          data.targets.ratingRateMin,
          data.targets.creationCoverage,
        )}
      </div>
      {data.townships.map((town) => (
        <Card
          key={town.code}
          size="small"
          style={{ marginBottom: 12, background: colourOf(town) }}
          title={
            <Space>
              {name(town)}
              <Tag data-testid="credit-township-status" data-code={town.code}>
                {status(town)}
              </Tag>
              <span>
                {c.creditVillages} {town.coverage.created}/{town.coverage.createdOf}
              </span>
            </Space>
          }
          extra={
            canPropose && town.verdict.qualifies !== town.designated && !town.pendingProposalId ? (
              <Button
                size="small"
                onClick={() =>
                  propose.mutate({ level: 'township', code: town.code, asOf: data.asOf })
                }
              >
                {c.proposeTownship}
              </Button>
            ) : null
          }
        >
          <Row gutter={[8, 8]}>
            {data.villages
              .filter((v) => v.townshipCode === town.code)
              .map((v) => (
                <Col key={v.code} xs={24} sm={12} md={8} lg={6}>
                  <Card
                    size="small"
                    hoverable
                    style={{ background: colourOf(v) }}
                    data-testid="credit-village"
                    data-code={v.code}
                    data-designated={String(v.designated)}
                    data-qualifies={String(v.verdict.qualifies)}
                    onClick={() => onOpen(v.code)}
                  >
                    <div style={{ fontWeight: 600 }}>{name(v)}</div>
                    <Tag data-testid="credit-village-status">{status(v)}</Tag>
                    <Tooltip
                      title={v.verdict.checks
                        .map((k) => `${k.criterion} ${k.percent}%`)
                        .join(' · ')}
                    >
                      <div>
                        {c.creditHouseholds} {v.coverage.created}/{v.coverage.createdOf} ·{' '}
                        {c.collectionRate} {v.coverage.collectionRate}% · {c.ratingRate}{' '}
                        {v.coverage.ratingRate}%
                      </div>
                    </Tooltip>
                    {canPropose ? (
                      <Space size={4} style={{ marginTop: 4 }} onClick={(e) => e.stopPropagation()}>
                        <Button
                          size="small"
                          data-testid="credit-propose-households"
                          onClick={() =>
                            proposeHouseholds.mutate({ villageCode: v.code, asOf: data.asOf })
                          }
                        >
                          {c.proposeHouseholds}
                        </Button>
                        {v.verdict.qualifies !== v.designated && !v.pendingProposalId ? (
                          <Button
                            size="small"
                            data-testid="credit-propose-village"
                            onClick={() =>
                              propose.mutate({ level: 'village', code: v.code, asOf: data.asOf })
                            }
                          >
                            {c.proposeVillage}
                          </Button>
                        ) : null}
                      </Space>
                    ) : null}
                  </Card>
                </Col>
              ))}
          </Row>
        </Card>
      ))}
    </div>
  );
}
