import { toApiError } from '../api/client.ts';
import { ErrorAlert } from './ErrorAlert.tsx';

/**
 * The error of a failed save. A 409 means someone else saved first: the alert then
 * offers to clear the error and reload the record, so the edit restarts from the
 * newer version instead of overwriting it.
 */
export function SaveErrorAlert({
  error,
  testId,
  onReset,
  onReload,
}: {
  error: unknown;
  testId: string;
  onReset: () => void;
  onReload: () => void;
}) {
  const conflict = toApiError(error).status === 409;
  return (
    <ErrorAlert
      error={error}
      testId={testId}
      onRetry={
        conflict
          ? () => {
              onReset();
              onReload();
            }
          : undefined
      }
    />
  );
}
