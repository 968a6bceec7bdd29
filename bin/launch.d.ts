// Types of bin/launch.js for the TypeScript that imports it (src/cli/build.test.ts, bench/startup.bench.ts).
export declare const ROOT: string;
export declare const DIST: string;
export declare const STAMP: string;
export declare const ENTRIES: Readonly<Record<'cli' | 'server' | 'extractWorker' | 'ocrChild', { readonly bundle: string; readonly source: string }>>;
export declare function sourceStamp(root?: string): string;
export declare function distIsFresh(root?: string, dist?: string): boolean;
export declare function launch(name: 'cli' | 'server'): Promise<void>;
