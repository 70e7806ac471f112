import { Tag } from 'antd';
import { useMemo } from 'react';
import { useFunds, type RunStatus } from '../../api/settlement.ts';
import { formatDate } from '../../components/format.ts';
import { useI18n } from '../../i18n/context.ts';

const runColor: Record<RunStatus, string> = {
  draft: 'default',
  submitted: 'blue',
  reviewed: 'cyan',
  approved: 'gold',
  paid: 'green',
  rejected: 'red',
  superseded: 'default',
};

export function RunStatusTag({ status }: { status: RunStatus }) {
  const { t } = useI18n();
  return (
    <Tag color={runColor[status] ?? 'default'} data-status={status} data-testid="run-status">
      {t.settlement.statusNames[status] ?? status}
    </Tag>
  );
}

/** Fund code → its name in the UI language, from the chart of accounts. */
export function useFundNames(): Map<string, string> {
  const { lang } = useI18n();
  const funds = useFunds();
  return useMemo(
    () =>
      new Map((funds.data?.funds ?? []).map((f) => [f.code, lang === 'zh' ? f.nameZh : f.nameEn])),
    [funds.data, lang],
  );
}

/** An accrual key '2019-10-01..2019-12-20' as the two dates it spans. */
export function useAccrualLabel(): (key: string) => string {
  const { t } = useI18n();
  return (key) => {
    const [from, to] = key.split('..');
    return from && to ? t.settlement.periodRange(formatDate(from), formatDate(to)) : key;
  };
}

/** 'art. 14' → '第十四条 产业扶贫项目贷款贴息': the article's number and what it pays for. */
export function useArticleLabel(): (key: string) => string {
  const { t } = useI18n();
  return (key) => {
    const name = t.settlement.articleNames[key];
    return name === undefined ? t.loans.article(key) : `${t.loans.article(key)} ${name}`;
  };
}
