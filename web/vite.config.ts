import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// dayjs is pinned to the version antd depends on, so that both resolve to one copy and the zh-cn
// locale we set is the one antd's date pickers read.

export default defineConfig({
  plugins: [react()],
  server: { proxy: { '/graphql': { target: 'http://localhost:4000', ws: true }, '/exports': 'http://localhost:4000' } },
  build: { outDir: 'dist', sourcemap: true, chunkSizeWarningLimit: 1200 },
});
