import { Alert } from 'antd';
import type { FailedCondition } from '../../api/loanTypes.ts';
import { useI18n } from '../../i18n/context.ts';

/** The failed conditions of a refused application, each with its article. */
export function RefusalAlert({ refusal }: { refusal: FailedCondition[] }) {
  const { t, lang } = useI18n();
  return (
    <Alert
      type="error"
      showIcon
      data-testid="loan-refusal"
      title={t.loans.refusalTitle}
      description={
        <ul style={{ margin: 0, paddingInlineStart: 20 }}>
          {refusal.map((f) => (
            <li key={f.condition} data-testid="loan-refusal-item" data-condition={f.condition}>
              <strong>
                {t.loans.refusalItem(
                  t.loans.article(f.article),
                  lang === 'zh' ? f.message_zh : f.message_en,
                )}
              </strong>
              {lang === 'zh' ? null : <div lang="zh-CN">{f.message_zh}</div>}
            </li>
          ))}
        </ul>
      }
      style={{ marginBottom: 16 }}
    />
  );
}
