import './styles.css';
import { connect } from './api/connection.js';
import { importKinds, vendors } from './kinds/index.js';
import { readTarget } from './settings.js';
import { byId, h } from './ui/dom.js';
import { mountImportScreen } from './importScreen.js';

const status = byId<HTMLParagraphElement>('connection');
try {
  const connection = await connect(readTarget(location.search, import.meta.env.VITE_BULKMOCK_TARGET));
  status.replaceChildren(
    'Mock: ',
    h('strong', {}, connection.description),
    connection.dashboardUrl
      ? h('span', {}, ' · ', h('a', { href: connection.dashboardUrl, target: '_blank', rel: 'noopener' }, 'dashboard'))
      : '',
  );
  mountImportScreen(connection, vendors, importKinds);
  document.body.dataset.ready = 'true';
} catch (error) {
  status.textContent = `The mock could not start: ${(error as Error).message}`;
  status.setAttribute('role', 'alert');
  status.classList.add('error');
}
