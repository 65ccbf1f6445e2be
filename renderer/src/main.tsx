import React from 'react';
import { createRoot } from 'react-dom/client';
import './fonts';
import './i18n/index';
import { App } from './App';
import { restoreLastPage } from './desktop/use-desktop';

restoreLastPage();

createRoot(document.getElementById('root')!).render(
  <React.StrictMode>
    <App />
  </React.StrictMode>,
);
