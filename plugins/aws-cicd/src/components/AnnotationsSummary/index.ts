export { AnnotationsSummary } from './AnnotationsSummary';
