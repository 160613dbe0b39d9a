// What other modules may use of the jurisdiction tree.
export { activeChildren } from './repository';
