import { Descriptions } from 'antd';
import { displayValue, fillLast } from '../../components/format.ts';
import { useI18n } from '../../i18n/context.ts';

/** Fields a detail endpoint sends beyond the ones the page knows, shown as they come. */
export function ExtraFields({
  record,
  known,
  title,
}: {
  record: Record<string, unknown>;
  known: readonly string[];
  title: string;
}) {
  const { t } = useI18n();
  const extra = Object.entries(record).filter(([k]) => !known.includes(k));
  if (!extra.length) return null;
  return (
    <Descriptions
      title={title}
      size="small"
      column={{ xs: 1, sm: 2 }}
      items={fillLast(
        extra.map(([k, v]) => ({
          key: k,
          label: k,
          children: displayValue(v) || t.common.empty,
        })),
      )}
    />
  );
}
