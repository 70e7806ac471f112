import { App as AntApp, Button, Card, Flex, Typography, Upload } from 'antd';
import { useState } from 'react';
import { importContentType, useImportHouseholds } from '../../api/imports.ts';
import type { ImportMode } from '../../api/types.ts';
import { REGISTER_WRITERS } from '../../auth/roles.ts';
import { RequireRole } from '../../auth/RequireRole.tsx';
import { useCurrentUser } from '../../auth/UserContext.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useI18n } from '../../i18n/context.ts';
import { ImportColumns } from './ImportColumns.tsx';
import { ImportReportView } from './ImportReportView.tsx';

function Importer() {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const [file, setFile] = useState<File | null>(null);
  const run = useImportHouseholds();
  const report = run.data;
  const canCommit = report?.mode === 'dry-run' && report.errorCount === 0 && report.toInsert > 0;

  const choose = (f: File | null) => {
    setFile(f);
    run.reset();
  };
  const start = (mode: ImportMode) => {
    if (file) run.mutate({ file, mode });
  };
  const pending = run.isPending ? run.variables.mode : null;

  return (
    <>
      <Card title={t.imports.fileTitle} style={{ marginBottom: 16 }}>
        <Typography.Paragraph type="secondary">{t.imports.fileHint}</Typography.Paragraph>
        <Upload.Dragger
          accept=".csv,.xlsx"
          maxCount={1}
          disabled={run.isPending}
          beforeUpload={(f) => {
            if (!importContentType(f.name)) {
              void message.error(t.imports.wrongType);
              return Upload.LIST_IGNORE;
            }
            choose(f);
            return false; // no automatic upload: the buttons below send it
          }}
          fileList={file ? [{ uid: 'import-file', name: file.name, status: 'done' }] : []}
          onRemove={() => choose(null)}
          data-testid="import-file"
        >
          <Typography.Text>{t.imports.pickFile}</Typography.Text>
        </Upload.Dragger>
        <Flex gap={8} wrap align="center" style={{ marginTop: 16 }}>
          <Button
            type={canCommit ? 'default' : 'primary'}
            disabled={!file || run.isPending}
            loading={pending === 'dry-run'}
            onClick={() => start('dry-run')}
            data-testid="import-dry-run"
          >
            {t.imports.dryRun}
          </Button>
          <Button
            type="primary"
            disabled={!file || !canCommit || run.isPending}
            loading={pending === 'commit'}
            onClick={() => start('commit')}
            data-testid="import-commit"
          >
            {t.imports.commit}
          </Button>
          {!canCommit ? (
            <Typography.Text type="secondary">{t.imports.commitDisabled}</Typography.Text>
          ) : null}
        </Flex>
      </Card>
      {run.isError ? <ErrorAlert error={run.error} testId="import-error" /> : null}
      {report ? <ImportReportView r={report} /> : null}
    </>
  );
}

export function ImportPage() {
  const { t } = useI18n();
  const me = useCurrentUser();
  return (
    <div data-testid="import-page">
      <PageHeader title={t.imports.title} subtitle={t.imports.subtitle} />
      <RequireRole user={me} roles={REGISTER_WRITERS} message={t.errors.forbidden}>
        <Importer />
        <ImportColumns />
      </RequireRole>
    </div>
  );
}
