/**
 * The files that asset-based imports read, by asset path. Preloaded assets survive a reset; assets
 * uploaded at run time do not.
 */
export class AssetStore {
  private readonly preloaded = new Map<string, StoredAsset>();
  private readonly uploaded = new Map<string, StoredAsset>();

  constructor(preload: Record<string, Uint8Array | string> = {}) {
    for (const [path, content] of Object.entries(preload)) {
      const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
      this.preloaded.set(normalizeAssetPath(path), { bytes, contentType: 'text/csv' });
    }
  }

  put(path: string, asset: StoredAsset): void {
    this.uploaded.set(path, asset);
  }

  get(path: string): StoredAsset | undefined {
    const key = normalizeAssetPath(path);
    return this.uploaded.get(key) ?? this.preloaded.get(key);
  }

  clearUploads(): void {
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
