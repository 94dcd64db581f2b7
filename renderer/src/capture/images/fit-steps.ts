/** The pure arithmetic of fitJpegToLimit (compress.ts), shared with main's masking encoder. */
export { nextScale } from '../../../../shared/documents/fit-steps';
