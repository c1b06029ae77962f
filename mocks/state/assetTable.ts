import { entryOverheadBytes, type MemoryBudget } from '../core/memoryBudget.js';

export interface StoredAsset {
  bytes: Uint8Array;
  contentType: string;
}

/**
 * The files that asset-based imports read, by asset path. Preloaded assets (given when the mock is
 * made) survive a reset; assets uploaded at run time do not.
 */
export interface AssetTable {
  get(path: string): StoredAsset | undefined;
  put(path: string, asset: StoredAsset): void;
  /** The bytes an upload to `path` would add, less what it replaces. */
  growthOf(path: string, byteLength: number): number;
  /** The uploaded assets, for export. */
  uploads(): Array<[path: string, asset: StoredAsset]>;
  clearUploads(): void;
  /** Counts every upload and clear, so a caller can tell whether a request changed anything. */
  readonly version: number;
}

export class MemoryAssetTable implements AssetTable {
  private readonly preloaded = new Map<string, StoredAsset>();
  private readonly uploaded = new Map<string, StoredAsset>();
  version = 0;

  constructor(
    preload: Record<string, Uint8Array | string> = {},
    private readonly memory?: MemoryBudget,
  ) {
    for (const [path, content] of Object.entries(preload)) {
      const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
      this.preloaded.set(normalizeAssetPath(path), { bytes, contentType: 'text/csv' });
      memory?.charge('assets', assetBytes(bytes.byteLength));
    }
  }

  put(path: string, asset: StoredAsset): void {
    this.version += 1;
    const replaced = this.uploaded.get(path);
    if (replaced) this.memory?.credit('assets', assetBytes(replaced.bytes.byteLength));
    this.uploaded.set(path, asset);
    this.memory?.charge('assets', assetBytes(asset.bytes.byteLength));
  }

  growthOf(path: string, byteLength: number): number {
    const replaced = this.uploaded.get(path);
    return assetBytes(byteLength) - (replaced ? assetBytes(replaced.bytes.byteLength) : 0);
  }

  get(path: string): StoredAsset | undefined {
    const key = normalizeAssetPath(path);
    return this.uploaded.get(key) ?? this.preloaded.get(key);
  }

  uploads(): Array<[string, StoredAsset]> {
    return [...this.uploaded];
  }

  clearUploads(): void {
    this.version += 1;
    for (const asset of this.uploaded.values()) this.memory?.credit('assets', assetBytes(asset.bytes.byteLength));
    this.uploaded.clear();
  }
}

/** Clients may send `/imports/a.csv` or `imports/a.csv` as bulkImportAssetPath; both name one asset. */
export function normalizeAssetPath(path: string): string {
  return path.replace(/^\/+/, '');
}

/** An asset's estimated size: its bytes plus the entry overhead (docs/limits.md). */
function assetBytes(byteLength: number): number {
  return byteLength + entryOverheadBytes.asset;
}
