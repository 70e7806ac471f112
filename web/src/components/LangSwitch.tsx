import { Segmented } from 'antd';
import { useI18n, type Lang } from '../i18n/context.ts';

export function LangSwitch() {
  const { lang, setLang, t } = useI18n();
  return (
    <Segmented<Lang>
      size="small"
      aria-label={t.lang.label}
      data-testid="lang-switch"
      value={lang}
      onChange={setLang}
      options={[
        { label: <span data-testid="lang-zh">{t.lang.zh}</span>, value: 'zh' },
        { label: <span data-testid="lang-en">{t.lang.en}</span>, value: 'en' },
      ]}
    />
  );
}
