export { searchCatalog, type CatalogSearchInput, type DocumentSearch, type SearchDeps, type Searcher } from './search-catalog.ts';
