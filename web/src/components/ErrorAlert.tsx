import { Alert, Button } from 'antd';
import type { ReactNode } from 'react';
import { toApiError, type ApiError } from '../api/client.ts';
import { dictionaries as messages, useI18n, type Lang, type Messages } from '../i18n/context.ts';

/** The message in the UI language first, then the other language. */
export function bilingual(err: ApiError, lang: Lang): { primary: string; secondary: string } {
  return lang === 'zh'
    ? { primary: err.messageZh, secondary: err.messageEn }
    : { primary: err.messageEn, secondary: err.messageZh };
}

/** One line for toasts: the UI language's message, then the other's. */
export function errorText(e: unknown, lang: Lang): string {
  const { primary, secondary } = bilingual(toApiError(e), lang);
  return secondary && secondary !== primary
    ? messages[lang].errors.both(primary, secondary)
    : primary;
}

function details(err: ApiError, t: Messages, showRetryAfter: boolean): string {
  const parts = [t.errors.codeIs(err.code)];
  if (showRetryAfter && err.retryAfterSeconds !== undefined) {
    parts.push(t.errors.retryAfter(err.retryAfterSeconds));
  }
  return parts.join(t.common.clauseSeparator);
}

export function ErrorAlert({
  error,
  onRetry,
  testId = 'error-alert',
  extra,
  showRetryAfter = true,
}: {
  error: unknown;
  onRetry?: () => void;
  testId?: string;
  extra?: ReactNode;
  /** Off where the page shows its own countdown. */
  showRetryAfter?: boolean;
}) {
  const { lang, t } = useI18n();
  if (!error) return null;
  const err = toApiError(error);
  const { primary, secondary } = bilingual(err, lang);
  return (
    <Alert
      type="error"
      showIcon
      data-testid={testId}
      data-error-code={err.code}
      title={primary}
      description={
        <>
          {secondary && secondary !== primary ? (
            <div lang={lang === 'zh' ? 'en' : 'zh-CN'}>{secondary}</div>
          ) : null}
          <div style={{ opacity: 0.65, fontSize: 12 }}>{details(err, t, showRetryAfter)}</div>
          {extra}
        </>
      }
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            {t.common.refresh}
          </Button>
        ) : undefined
      }
      style={{ marginBottom: 16 }}
    />
  );
}
