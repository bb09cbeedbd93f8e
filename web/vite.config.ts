// Builds the portal into web/dist: index.html and hashed files in dist/assets/, which the node
// serves at / and /assets/ (src/http/api.cpp, AddPublicRoutes). Assets sit in one flat folder
// because the node serves /assets/{file} and nothing deeper.
import { defineConfig } from 'vite';

export default defineConfig({
  base: '/',
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    emptyOutDir: true,
    target: 'es2020',
    sourcemap: false,
    reportCompressedSize: false,
  },
});
