import { Button, Result } from 'antd';
import { useNavigate } from 'react-router';
import { useI18n } from '../i18n/context.ts';
import { paths } from '../paths.ts';

export function NotFoundPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title={t.notFound.title}
      subTitle={t.notFound.body}
      data-testid="not-found"
      extra={
        <Button type="primary" onClick={() => void navigate(paths.home)}>
          {t.notFound.home}
        </Button>
      }
    />
  );
}
