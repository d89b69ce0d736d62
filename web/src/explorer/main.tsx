import './monaco-workers.js';
import 'graphiql/style.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { GraphiQL } from 'graphiql';
import { FIRST_QUERY, HEADERS_HINT, hubFetcher } from './explorer-fetcher.js';

createRoot(document.getElementById('explorer')!).render(
  <StrictMode>
    <GraphiQL
      fetcher={hubFetcher(window.location)}
      defaultQuery={FIRST_QUERY}
      initialHeaders={HEADERS_HINT}
      defaultHeaders={HEADERS_HINT}
      defaultEditorToolsVisibility="headers"
    />
  </StrictMode>,
);
