import { App as AntApp, Button, Card, Flex, Typography, Upload } from 'antd';
import { useState } from 'react';
import type { UseMutationResult } from '@tanstack/react-query';
import { importContentType, useImportHouseholds, type ImportVars } from '../../api/imports.ts';
import type { ImportMode, ImportReport } from '../../api/types.ts';
import { REGISTER_WRITERS } from '../../auth/roles.ts';
import { RequireRole } from '../../auth/RequireRole.tsx';
import { useCurrentUser } from '../../auth/UserContext.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useI18n } from '../../i18n/context.ts';
import { ImportColumns } from './ImportColumns.tsx';
import { ImportReportView, type ImportTexts } from './ImportReportView.tsx';

/**
 * Pick a file, dry-run it, then commit it when the dry run is clean. Shared by the imports;
 * `run` is the import's mutation, `texts` its wording (the register's by default).
 */
export function Importer({
  run,
  hint,
  commitDisabled,
  texts,
}: {
  run: UseMutationResult<ImportReport, Error, ImportVars>;
  hint?: string;
  commitDisabled?: string;
  texts?: ImportTexts;
}) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const [file, setFile] = useState<File | null>(null);
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
        <Typography.Paragraph type="secondary">{hint ?? t.imports.fileHint}</Typography.Paragraph>
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
            <Typography.Text type="secondary">
              {commitDisabled ?? t.imports.commitDisabled}
            </Typography.Text>
          ) : null}
        </Flex>
      </Card>
      {run.isError ? <ErrorAlert error={run.error} testId="import-error" /> : null}
      {report ? <ImportReportView r={report} texts={texts} /> : null}
    </>
  );
}

function HouseholdImporter() {
  return <Importer run={useImportHouseholds()} />;
}

export function ImportPage() {
  const { t } = useI18n();
  const me = useCurrentUser();
  return (
    <div data-testid="import-page">
      <PageHeader title={t.imports.title} subtitle={t.imports.subtitle} />
      <RequireRole user={me} roles={REGISTER_WRITERS} message={t.errors.forbidden}>
        <HouseholdImporter />
        <ImportColumns />
      </RequireRole>
    </div>
  );
}
