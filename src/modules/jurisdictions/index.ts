// What other modules may use of the jurisdiction tree.
export { activeChildren, nodeExists } from './repository';
