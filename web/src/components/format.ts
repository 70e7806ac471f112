import type { DescriptionsProps } from 'antd';
import dayjs from 'dayjs';

type DescriptionItem = NonNullable<DescriptionsProps['items']>[number];

/** Mask an ID number for lists: keep the first 6 and last 4 characters. */
export function maskIdNumber(id: string | null | undefined): string {
  if (!id) return '';
  if (id.includes('*') || id.length <= 10) return id;
  return `${id.slice(0, 6)}${'*'.repeat(id.length - 10)}${id.slice(-4)}`;
}

/** Mask a phone number for lists: keep the first 3 and last 4 digits. */
export function maskPhone(phone: string | null | undefined): string {
  if (!phone) return '';
  if (phone.includes('*') || phone.length <= 7) return phone;
  return `${phone.slice(0, 3)}${'*'.repeat(phone.length - 7)}${phone.slice(-4)}`;
}

export function formatDate(v: string | null | undefined): string {
  if (!v) return '';
  const d = dayjs(v);
  return d.isValid() ? d.format('YYYY-MM-DD') : v;
}

export function formatDateTime(v: string | null | undefined): string {
  if (!v) return '';
  const d = dayjs(v);
  return d.isValid() ? d.format('YYYY-MM-DD HH:mm:ss') : v;
}

/** Art. 15: an enterprise or cooperative whose workforce is at least 20% poor. */
export const ART15_POOR_SHARE = 20;

/** Share of the poor in a workforce, as a percentage with one decimal, or null. */
export function poorShare(workforce: number | null, poor: number | null): number | null {
  if (!workforce || poor === null || poor === undefined) return null;
  return Math.round((poor / workforce) * 1000) / 10;
}

/** Show any JSON value compactly (audit diffs, extra fields). */
export function displayValue(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

/** Let the last item of a Descriptions list fill its row (antd warns on a short last row). */
export function fillLast(items: DescriptionItem[]): DescriptionItem[] {
  return items.map((it, i) => (i === items.length - 1 ? { ...it, span: 'filled' } : it));
}

/** Yuan text from the API ('12345.6') with thousands separators and two decimals. */
export function formatYuan(v: string | null | undefined): string {
  if (v === null || v === undefined || v === '') return '';
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(v.trim());
  if (!m) return v;
  const int = (m[2] ?? '').replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${m[1] ?? ''}${int}.${(m[3] ?? '').padEnd(2, '0')}`;
}

/** Today as YYYY-MM-DD in the browser's time zone. */
export function today(): string {
  return dayjs().format('YYYY-MM-DD');
}
