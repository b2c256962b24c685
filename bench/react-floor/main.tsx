import { useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';

/**
 * The least a React page can do to show the groups list: React and React DOM, one fetch,
 * one list. The startup benchmark builds it with Vite and opens it as the app is opened,
 * so the table shows what React itself costs on the machine, between a static page and
 * the app.
 */
const Groups = () => {
  const [names, setNames] = useState<string[] | null>(null);
  useEffect(() => {
    void fetch('./groups.json')
      .then((response) => response.json() as Promise<string[]>)
      .then(setNames);
  }, []);
  return (
    <main>
      <h1>Lesson study groups</h1>
      {names ? (
        <ul aria-label="Groups in this workspace">
          {names.map((name) => (
            <li key={name}>
              <h2>
                <a href="#">{name}</a>
              </h2>
            </li>
          ))}
        </ul>
      ) : null}
    </main>
  );
};

createRoot(document.getElementById('root')!).render(<Groups />);
