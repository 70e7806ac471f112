import { useImportRepayments } from '../../api/imports.ts';
import { LOAN_OFFICERS } from '../../auth/roles.ts';
import { RequireRole } from '../../auth/RequireRole.tsx';
import { useCurrentUser } from '../../auth/UserContext.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useI18n } from '../../i18n/context.ts';
import { ImportColumns } from '../register/ImportColumns.tsx';
import { Importer } from '../register/ImportPage.tsx';
import { REPAYMENT_IMPORT_COLUMNS } from '../register/importLayout.ts';

function RepaymentImporter() {
  const { t } = useI18n();
  const m = t.repaymentImport;
  return (
    <Importer
      run={useImportRepayments()}
      hint={m.fileHint}
      commitDisabled={m.commitDisabled}
      texts={{
        toInsert: m.toInsert,
        inserted: m.inserted,
        ok: m.ok,
        nothingNew: m.nothingNew,
        committed: m.committed,
        fieldNames: m.fieldNames,
      }}
    />
  );
}

/** A bank officer's repayment file: dry run, then commit when clean (idempotent by txn id). */
export function RepaymentImportPage() {
  const { t } = useI18n();
  const me = useCurrentUser();
  return (
    <div data-testid="repayment-import-page">
      <PageHeader title={t.repaymentImport.title} subtitle={t.repaymentImport.subtitle} />
      <RequireRole user={me} roles={LOAN_OFFICERS} message={t.errors.forbidden}>
        <RepaymentImporter />
        <ImportColumns
          layout={REPAYMENT_IMPORT_COLUMNS}
          notes={t.repaymentImport.columnNotes}
          hint={t.repaymentImport.columnsHint}
        />
      </RequireRole>
    </div>
  );
}
