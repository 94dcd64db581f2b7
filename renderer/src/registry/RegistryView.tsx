import { useState } from 'react';
import { ActivityPanel } from './ActivityPanel';
import { DownloadsPanel } from './DownloadsPanel';
import { RequestsPanel } from './RequestsPanel';
import { SftpHealthPanel } from './SftpHealthPanel';
import './registry.css';

const SECTIONS = [
  ['requests', 'Requests'],
  ['downloads', 'Bulk downloads'],
  ['activity', 'Activity and billing'],
  ['sftp', 'SFTP health'],
] as const;
type Section = (typeof SECTIONS)[number][0];

/**
 * The Registry screen (checkers and admins): the registry's own answers — its requests, bulk
 * downloads, activity and SFTP health — not only this PC's batches. One section at a time, each
 * asking the registry when it opens (SFTP health on a timer while open).
 */
export function RegistryView() {
  const [section, setSection] = useState<Section>('requests');
  return (
    <section aria-labelledby="registry-title">
      <div className="screen-head">
        <h2 id="registry-title">Registry</h2>
      </div>
      <div className="registry-sections" role="group" aria-label="Registry sections">
        {SECTIONS.map(([id, label]) => (
          <button key={id} type="button" className={`chip${section === id ? ' chip--on' : ''}`} aria-pressed={section === id} onClick={() => setSection(id)}>
            {label}
          </button>
        ))}
      </div>
      {section === 'requests' && <RequestsPanel />}
      {section === 'downloads' && <DownloadsPanel />}
      {section === 'activity' && <ActivityPanel />}
      {section === 'sftp' && <SftpHealthPanel />}
    </section>
  );
}
