import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { createQueryClient } from './api/queryClient.ts';
import { router } from './router.tsx';
import { antdLocales } from './i18n/antdLocale.ts';
import { useI18n } from './i18n/context.ts';
import { LangProvider } from './i18n/LangProvider.tsx';
import { theme } from './theme.ts';

const queryClient = createQueryClient();

function ThemedApp({ children }: { children: ReactNode }) {
  const { lang } = useI18n();
  return (
    <ConfigProvider locale={antdLocales[lang]} theme={theme}>
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

const rootEl = document.getElementById('root');
if (!rootEl) throw new Error('#root missing from index.html');

createRoot(rootEl).render(
  <StrictMode>
    <LangProvider>
      <ThemedApp>
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </ThemedApp>
    </LangProvider>
  </StrictMode>,
);
