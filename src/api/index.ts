// The api capability's entry: the only file other folders import.
export { apiPlugin } from './plugin.js';
