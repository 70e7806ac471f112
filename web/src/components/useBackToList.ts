import { useLocation, useNavigate } from 'react-router';

/** Location state a list passes to its detail pages: the list's query string. */
export interface FromListState {
  from?: string;
}

/** Back to the list the user came from, with its filters and page. */
export function useBackToList(listPath: string): () => void {
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as FromListState | null)?.from;
  return () => void navigate(from ? `${listPath}?${from}` : listPath);
}
