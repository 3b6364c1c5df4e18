// The demo capability's entry: the only file other folders import.
export { createDemo } from './demo-service.js';
