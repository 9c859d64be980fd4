import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Provider } from 'urql';
import { createApi } from './api/client.ts';
import { ConnectionContext } from './api/live.ts';
import { App } from './app.tsx';
import './styles.css';

const api = createApi();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Provider value={api.client}>
      <ConnectionContext.Provider value={api.connection}>
        <App />
      </ConnectionContext.Provider>
    </Provider>
  </StrictMode>,
);
