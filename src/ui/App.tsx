import { useState } from 'react';
import type { PageSettings } from './pageSettings';
import { TrainingPanel } from './TrainingPanel';

/** Restarting after a crash remounts the panel, which brings a fresh worker and a fresh view. */
export function App({ settings }: { settings: PageSettings }) {
  const [generation, setGeneration] = useState(0);
  return (
    <main>
      <h1>CPC Playground</h1>
      {settings.notes.length > 0 && (
        <ul data-testid="url-notes">
          {settings.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
      <TrainingPanel key={generation} settings={settings} onRestart={() => setGeneration((g) => g + 1)} />
    </main>
  );
}
