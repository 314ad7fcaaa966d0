export * from './facts.factory.js';
