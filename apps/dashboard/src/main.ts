import { createApp } from 'vue';
import App from './App.vue';
import { router } from './router';
import './styles.css';

createApp(App).use(router).mount('#app');

// Printing shows every chart's table too: open them for the print and restore them after.
let opened: HTMLDetailsElement[] = [];
window.addEventListener('beforeprint', () => {
  opened = Array.from(
    document.querySelectorAll<HTMLDetailsElement>(
      'details.chart-table:not([open])',
    ),
  );
  for (const d of opened) d.open = true;
});
window.addEventListener('afterprint', () => {
  for (const d of opened) d.open = false;
  opened = [];
});
