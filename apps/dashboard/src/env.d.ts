/// <reference types="vite/client" />

// Components as plain TypeScript sees them (ESLint's type information); vue-tsc reads the .vue files themselves.
declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent;
  export default component;
}
