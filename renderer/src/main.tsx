import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { chooseBridge } from './api/bridge';
import { App } from './shell/App';
import { useAppStore } from './state/app-store';
import { reportActivity } from './session/activity';
import './styles.css';

const store = useAppStore.getState();
const bridge = chooseBridge((problem) =>
  store.setProblem(problem ?? 'The connection to KYC Desk was lost; nothing saved was lost. Reload this page, or if KYC Desk was restarted, open the new address it printed.'),
);
if (bridge.api) {
  void store.connect(bridge.api);
  reportActivity(bridge.api, () => useAppStore.getState().session?.state === 'signed_in');
} else {
  store.setProblem(bridge.problem);
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
