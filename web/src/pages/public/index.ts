// The public portal as one lazily loaded chunk: the router imports this module, never the pages one by one.
export { PublicAssociationPage } from './PublicAssociationPage.tsx';
export { PublicLayout } from './PublicLayout.tsx';
export { PublicSearchPage } from './PublicSearchPage.tsx';
