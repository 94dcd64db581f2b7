/**
 * What a file really is, from its first bytes — never from its name or the type the picker
 * claims. The rules are pure and live in shared/, so the renderer gives the same answer at once;
 * main judges every file again with them before it is stored.
 */
export { MIME_OF, describeForeignFile, foreignFileMessage, sniffDocumentKind, type DocumentKind } from '../../shared/documents/file-kind';
