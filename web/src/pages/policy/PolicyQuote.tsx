import { Typography } from 'antd';

/** Words of the policy text, set off as a quotation. */
export function PolicyQuote({ text }: { text: string }) {
  return (
    <blockquote
      data-testid="param-quote"
      style={{
        margin: 0,
        padding: '2px 0 2px 10px',
        borderLeft: '3px solid #d9d9d9',
      }}
    >
      <Typography.Text type="secondary" italic>
        「{text}」
      </Typography.Text>
    </blockquote>
  );
}
