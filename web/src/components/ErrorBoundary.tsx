import { Component, type ReactNode } from 'react';
import { ErrorAlert } from './ErrorAlert.tsx';

interface State {
  error: unknown;
}

/** Catches render errors and failed lazy chunks of one page, so the layout stays usable. */
export class ErrorBoundary extends Component<{ children: ReactNode; resetKey?: string }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error };
  }

  override componentDidUpdate(prev: { resetKey?: string }) {
    if (prev.resetKey !== this.props.resetKey && this.state.error) this.setState({ error: null });
  }

  override render() {
    if (this.state.error) {
      return <ErrorAlert error={this.state.error} onRetry={() => window.location.reload()} />;
    }
    return this.props.children;
  }
}
