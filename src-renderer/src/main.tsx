import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { selectTransport, takeTokenFromLocation } from './api/bridge';
import { ConsoleContext } from './console-context';
import { createConsoleStore } from './store';
import './styles.css';

const store = createConsoleStore(selectTransport(takeTokenFromLocation()));
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <ConsoleContext.Provider value={store}>
      <App />
    </ConsoleContext.Provider>
  </StrictMode>,
);
