import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './ui/theme/tokens.css';
import { App } from './ui/App';
import { readPageSettings } from './ui/pageSettings';

const settings = readPageSettings(window.location.search);

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <App settings={settings} />
  </StrictMode>,
);
