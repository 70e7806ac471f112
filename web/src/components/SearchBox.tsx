import { Button, Input, Space } from 'antd';
import { useEffect, useState } from 'react';
import { useI18n } from '../i18n/context.ts';

/**
 * Text search that applies on Enter or on the button. The test id lands on the <input>
 * itself; the button gets `${testId}-button`.
 */
export function SearchBox({
  testId,
  placeholder,
  value,
  onSearch,
  width = 300,
}: {
  testId: string;
  placeholder: string;
  value: string | undefined;
  onSearch: (v: string) => void;
  width?: number;
}) {
  const { t } = useI18n();
  const [text, setText] = useState(value ?? '');
  // Follow the URL when it changes from outside (reset, back button).
  useEffect(() => setText(value ?? ''), [value]);
  const submit = () => onSearch(text.trim());
  return (
    <Space.Compact style={{ width }}>
      <Input
        allowClear
        type="search"
        placeholder={placeholder}
        aria-label={placeholder}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          // Clearing with the ✕ button applies at once.
          if (e.type === 'click' && !e.target.value) onSearch('');
        }}
        onPressEnter={submit}
        data-testid={testId}
      />
      <Button type="primary" onClick={submit} data-testid={`${testId}-button`}>
        {t.common.search}
      </Button>
    </Space.Compact>
  );
}
