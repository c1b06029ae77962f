import { entryOverheadBytes, type MemoryBudget } from '../../core/memoryBudget.js';

/**
 * The files that asset-based imports read, by asset path. Preloaded assets survive a reset; assets
 * uploaded at run time do not.
 */
export class AssetStore {
  private readonly preloaded = new Map<string, StoredAsset>();
  private readonly uploaded = new Map<string, StoredAsset>();

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
    const replaced = this.uploaded.get(path);
    if (replaced) this.memory?.credit('assets', assetBytes(replaced.bytes.byteLength));
    this.uploaded.set(path, asset);
    this.memory?.charge('assets', assetBytes(asset.bytes.byteLength));
  }

  /** The bytes an upload to `path` would add, less what it replaces. */
  growthOf(path: string, byteLength: number): number {
    const replaced = this.uploaded.get(path);
    return assetBytes(byteLength) - (replaced ? assetBytes(replaced.bytes.byteLength) : 0);
  }

  get(path: string): StoredAsset | undefined {
    const key = normalizeAssetPath(path);
    return this.uploaded.get(key) ?? this.preloaded.get(key);
  }

  clearUploads(): void {
    for (const asset of this.uploaded.values()) this.memory?.credit('assets', assetBytes(asset.bytes.byteLength));
    this.uploaded.clear();
  }
}

export interface StoredAsset {
  bytes: Uint8Array;
  contentType: string;
}

/** Clients may send `/imports/a.csv` or `imports/a.csv` as bulkImportAssetPath; both name one asset. */
export function normalizeAssetPath(path: string): string {
  return path.replace(/^\/+/, '');
}

/** An asset's estimated size: its bytes plus the entry overhead (docs/limits.md). */
export function assetBytes(byteLength: number): number {
  return byteLength + entryOverheadBytes.asset;
}
