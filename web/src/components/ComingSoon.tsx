import { Card, Result, Tag, Typography } from 'antd';
import { useI18n, type Messages } from '../i18n/context.ts';
import { PageHeader } from './PageHeader.tsx';

export type PlannedModule = 'loans' | 'settlement' | 'credit' | 'targets' | 'supervision';

/** Plain page for a module that later work fills: what it will do and the articles behind it. */
export function ComingSoon({ module }: { module: PlannedModule }) {
  const { t } = useI18n();
  const m: Messages['modules']['loans'] = t.modules[module];
  return (
    <div data-testid={`module-${module}`}>
      <PageHeader title={m.title} />
      <Card>
        <Result
          status="info"
          title={t.modules.comingSoon}
          subTitle={
            <span data-testid="coming-soon-text">
              {t.modules.lead}
              {m.summary}
            </span>
          }
        />
        <Typography.Paragraph>
          <Typography.Text strong>{t.modules.articles}</Typography.Text>
          <Tag color="geekblue" data-testid="coming-soon-articles">
            {m.articles}
          </Tag>
        </Typography.Paragraph>
        <Typography.Paragraph>
          <Typography.Text strong>{t.modules.willDo}</Typography.Text>
        </Typography.Paragraph>
        <ul>
          {m.features.map((f) => (
            <li key={f}>
              <Typography.Text>{f}</Typography.Text>
            </li>
          ))}
        </ul>
      </Card>
    </div>
  );
}
