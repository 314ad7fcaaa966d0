import { createRouter, createWebHistory } from 'vue-router';
import CompetitionView from './views/CompetitionView.vue';

// The first screen (competition) is in the main bundle; the other views load on demand.
export const router = createRouter({
  history: createWebHistory('/'),
  routes: [
    {
      path: '/',
      redirect: (to) => ({ path: '/competition', query: to.query }),
    },
    { path: '/competition', component: CompetitionView },
    {
      path: '/reduction',
      component: () => import('./views/ReductionView.vue'),
    },
    { path: '/weekly', component: () => import('./views/WeeklyView.vue') },
    { path: '/worklist', component: () => import('./views/WorklistView.vue') },
    {
      path: '/enterprises',
      component: () => import('./views/EnterprisesView.vue'),
    },
    {
      path: '/enterprises/:uscc',
      component: () => import('./views/EnterpriseView.vue'),
      props: true,
    },
    {
      path: '/cases/:claimId',
      component: () => import('./views/CaseView.vue'),
      props: true,
    },
    { path: '/facts', component: () => import('./views/FactsView.vue') },
    { path: '/feed', component: () => import('./views/FeedView.vue') },
    { path: '/audit', component: () => import('./views/AuditView.vue') },
    { path: '/:rest(.*)*', redirect: '/competition' },
  ],
});
