// The file serving API other parts use: the endpoint services (metadata,
// content, file bucket, static content), static catalog inlining, code ids,
// environment views and the typed error they all throw.
export { FileServer, openContent, type FileServerSettings, type FileRequest, type FileContent } from './file-server.js';
export { FileBucket, type FileBucketSettings, type BucketKey } from './file-bucket.js';
export { CodeIds, STATIC_PATH, staticContentDir, type CodeIdSettings } from './code-id.js';
export { inlineMetadata, commonChecksumType, noCommonChecksumError, type CatalogFileResource, type InlinedMetadata } from './static-catalog.js';
export { environmentFromModulepath, type FileServingEnvironment, type ModuleRef } from './environment.js';
export { loadEnvironment, type EnvironmentLocation } from './indirector-request.js';
export { PuppetHttpError, type IssueKind } from './errors.js';
export type { FileMetadata, ServerIdentity } from './metadata.js';
export { KNOWN_CHECKSUM_TYPES, isChecksumType } from './checksums.js';
