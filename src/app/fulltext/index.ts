export { searchCatalog, type CatalogSearchInput, type DocumentSearch, type SearchDeps, type Searcher } from './search-catalog.ts';
export { findPublished, type RelatedDocument } from './related.ts';
