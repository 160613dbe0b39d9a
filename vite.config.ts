// The web app: sources in web/, built into dist/web (served by the Fastify server).
// In development `npm run dev:web` proxies /api to the server on :8080.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const repoRoot = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: 'web',
  base: '/',
  plugins: [react()],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    // antd is most of the weight; separate vendor chunks stay cached when only the app changes.
    chunkSizeWarningLimit: 1400,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|react-router|react-router-dom|scheduler|cookie|set-cookie-parser)[\\/]/, priority: 20 },
            // Only the dashboard pages load ECharts and the map boundaries.
            { name: 'echarts', test: /node_modules[\\/](echarts|echarts4|zrender)[\\/]/, priority: 30 },
            { name: 'antd', test: /node_modules/, priority: 0 }, // antd, its rc-components, icons, dayjs
          ],
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: { '/api': 'http://localhost:8080' },
    // The web imports the shared enums and pure rules from ../src/domain.
    fs: { allow: [repoRoot] },
  },
});
