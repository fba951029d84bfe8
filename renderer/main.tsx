import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiContext } from './api/ApiContext';
import { createPosApi } from './api/createPosApi';
import { App } from './App';
import { sounds } from './components/sound';
import { createPosStore } from './state/posStore';
import { StoreContext } from './state/StoreContext';
import './styles/base.css';
import './styles/app.css';

const api = createPosApi(window);
const store = createPosStore(api, sounds);
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');

createRoot(root).render(
  <StrictMode>
    <ApiContext value={api}>
      <StoreContext value={store}>
        <App />
      </StoreContext>
    </ApiContext>
  </StrictMode>,
);
