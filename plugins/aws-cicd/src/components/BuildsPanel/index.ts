export { BuildsPanel, BuildPhases } from './BuildsPanel';
