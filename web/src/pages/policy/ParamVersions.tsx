import { Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { HTMLAttributes } from 'react';
import type { ParameterVersion, PolicyParameter } from '../../api/types.ts';
import { useI18n, type Messages } from '../../i18n/context.ts';
import { formatParamValue } from './paramValue.ts';

function stateTag(p: PolicyParameter, v: ParameterVersion, at: string, t: Messages) {
  if (p.current?.version === v.version) return <Tag color="green">{t.policy.inForce}</Tag>;
  if (v.from > at) return <Tag color="blue">{t.policy.upcoming}</Tag>;
  return <Tag>{t.policy.superseded}</Tag>;
}

/** A parameter's versions, newest first, and how its value is read. */
export function ParamVersions({ param, at }: { param: PolicyParameter; at: string }) {
  const { t } = useI18n();
  const versions = [...param.versions].sort((a, b) => b.version - a.version);

  const columns: TableColumnsType<ParameterVersion> = [
    {
      title: t.policy.version,
      dataIndex: 'version',
      width: 90,
      render: (v: number) => t.policy.versionNo(v),
    },
    { title: t.policy.from, dataIndex: 'from', width: 120 },
    {
      title: t.policy.value,
      dataIndex: 'value',
      width: 160,
      render: (v: string) => formatParamValue(param.unit, v, t),
    },
    { title: t.policy.document, dataIndex: 'document' },
    {
      title: '',
      key: 'state',
      width: 120,
      render: (_: unknown, v) => stateTag(param, v, at, t),
    },
  ];

  return (
    <div data-testid="param-versions" style={{ maxWidth: 900 }}>
      <Typography.Text strong>{t.policy.history}</Typography.Text>
      <Table<ParameterVersion>
        size="small"
        rowKey="version"
        columns={columns}
        dataSource={versions}
        pagination={false}
        style={{ margin: '8px 0 12px' }}
        onRow={(v) =>
          ({
            'data-testid': 'param-version-row',
            'data-version': v.version,
          }) as HTMLAttributes<HTMLElement>
        }
      />
      <Typography.Text strong>{t.policy.interpretation}</Typography.Text>
      <Typography.Paragraph
        type={param.interpretation ? undefined : 'secondary'}
        style={{ marginTop: 4, marginBottom: 0 }}
        data-testid="param-interpretation"
      >
        {param.interpretation ?? t.policy.noInterpretation}
      </Typography.Paragraph>
    </div>
  );
}
