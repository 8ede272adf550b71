/**
 * Domain-separation tags: every hash or signature input starts with one, so bytes made
 * for one purpose can never be replayed as another (an entry as a checkpoint, say).
 */
export const ENTRY_TAG = 'portcullis/audit/v1\n';
export const GENESIS_TAG = 'portcullis/genesis/v1\n';
export const CONTENT_TAG = 'portcullis/content/v1\n';
export const KEY_CHANGE_TAG = 'portcullis/key-change/v1\n';
export const ENTRY_SIG_TAG = 'portcullis/entry-sig/v1\n';
