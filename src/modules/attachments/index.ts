export { type ArchiveLimits, checkArchive } from './archive-check';
export { type AttachmentView, attachmentsOf, formatSize, presentAttachment } from './attachment.presenter';
export {
  canManageAttachments,
  deleteAttachment,
  type IncomingFile,
  uploadAttachments,
} from './attachment.service';
export { type AttachmentFile, attachmentFilesOf } from './attachment-files';
export { ACCEPTED_EXTENSIONS, storedMediaTypes, typeLabelOf } from './content-type';
export {
  type Download,
  mayDownload,
  openDownload,
  type Verification,
  verifyAttachment,
} from './download.service';
export { contentDisposition, extensionOf, fileNameProblem, sanitizeFileName } from './file-name';
export { inspectBytes } from './inspect';
export {
  type AttachmentScanner,
  passingScanner,
  refuseIfInfected,
  type ScanVerdict,
  scannerFor,
  type UploadTarget,
  useAttachmentScanner,
} from './scanner';
export { plainDirectory, storageRoot } from './storage';
export { checkTableUpload } from './table-upload';
