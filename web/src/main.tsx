import '@mantine/core/styles.layer.css';
import './styles.css';

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

import { App } from './App.tsx';
import { pickLocale } from './i18n/messages.ts';

const root = document.getElementById('root');
if (root === null) {
  throw new Error('The page has no #root element to render into');
}
const locale = pickLocale(navigator.languages);
document.documentElement.lang = locale;
createRoot(root).render(
  <StrictMode>
    <App locale={locale} />
  </StrictMode>,
);
