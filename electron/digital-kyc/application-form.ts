import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFImage, type PDFPage } from 'pdf-lib';
import type { KycRecord } from '../../shared/record/kyc-record';
import { sniffDocumentKind } from '../documents/file-kind';
import { formLines } from './form-lines';

/**
 * The KYC application form as a PDF, made in main from the canonical record (decision 0047):
 * every section of the record, the Aadhaar masked to its last 4 digits (the record holds nothing
 * more), the photograph and signature when captured, and boxes for the customer's wet signature and
 * the verifying officer. The same bytes are printed at the counter and sent as the push's e-sign form.
 * pdf-lib's standard fonts carry WinAnsi only: anything else is shown as '?', never dropped silently.
 * A long record flows onto further pages; no value is cut short.
 */
export interface FormImages {
  /** JPEG or PNG bytes of the photograph (image 02) and signature (image 09), when the record has them. */
  photo?: Uint8Array;
  signature?: Uint8Array;
}

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 42;
const LINE = 14;
const LABEL_WIDTH = 190;

/** Places text down the pages, starting a new page when one is full. */
class Writer {
  page: PDFPage;
  y: number;

  constructor(
    private readonly pdf: PDFDocument,
    private readonly font: PDFFont,
    private readonly bold: PDFFont,
  ) {
    this.page = pdf.addPage(A4);
    this.y = A4[1] - MARGIN;
  }

  room(height: number): void {
    if (this.y - height >= MARGIN) return;
    this.page = this.pdf.addPage(A4);
    this.y = A4[1] - MARGIN;
  }

  heading(text: string): void {
    this.room(LINE * 3);
    this.y -= LINE * 0.6;
    this.page.drawText(winAnsi(text), { x: MARGIN, y: this.y, size: 12, font: this.bold });
    this.y -= 4;
    this.page.drawLine({ start: { x: MARGIN, y: this.y }, end: { x: A4[0] - MARGIN, y: this.y }, thickness: 0.5, color: rgb(0.5, 0.5, 0.5) });
    this.y -= LINE;
  }

  row(label: string, value: string): void {
    const lines = wrap(winAnsi(value === '' ? '-' : value), this.font, 10, A4[0] - MARGIN * 2 - LABEL_WIDTH);
    // Keep a short value with its label; a long one flows on, its label repeated on the next page.
    this.room(LINE * Math.min(lines.length, 4));
    this.page.drawText(winAnsi(label), { x: MARGIN, y: this.y, size: 10, font: this.bold });
    for (const line of lines) {
      if (this.y - LINE < MARGIN) {
        this.room(LINE * 2);
        this.page.drawText(winAnsi(`${label} (continued)`), { x: MARGIN, y: this.y, size: 10, font: this.bold });
      }
      this.page.drawText(line, { x: MARGIN + LABEL_WIDTH, y: this.y, size: 10, font: this.font });
      this.y -= LINE;
    }
  }

  title(text: string): void {
    this.page.drawText(winAnsi(text), { x: MARGIN, y: this.y, size: 16, font: this.bold });
    this.y -= LINE * 1.5;
  }

  box(label: string, image: PDFImage | null | 'unreadable', width: number, height: number): void {
    this.room(height + LINE * 2);
    this.page.drawText(winAnsi(image === 'unreadable' ? `${label}: the stored image could not be shown` : label), { x: MARGIN, y: this.y, size: 10, font: this.bold });
    this.y -= height + 4;
    this.page.drawRectangle({ x: MARGIN, y: this.y, width, height, borderWidth: 0.8, borderColor: rgb(0.3, 0.3, 0.3) });
    if (image && image !== 'unreadable') {
      const scale = Math.min((width - 8) / image.width, (height - 8) / image.height, 1);
      image.scale(scale);
      this.page.drawImage(image, { x: MARGIN + 4, y: this.y + 4, width: image.width * scale, height: image.height * scale });
    }
    this.y -= LINE;
  }
}

/** Keeps the characters the standard fonts can draw; anything else shows as '?'. */
export function winAnsi(text: string): string {
  return text.replace(/[\t\n\r]+/g, ' ').replace(/[\u2018\u2019]/g, "'").replace(/[\u201c\u201d]/g, '"').replace(/[\u2013\u2014]/g, '-').replace(/[^\x20-\x7e\xa0-\xff]/g, '?');
}

/** Words to lines of `width`; a word wider than a line (a long e-mail address) is broken by characters. */
function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const fits = (candidate: string) => font.widthOfTextAtSize(candidate, size) <= width;
  const lines: string[] = [];
  let current = '';
  for (let word of text.split(/\s+/).filter((part) => part !== '')) {
    while (!fits(word)) {
      let cut = word.length - 1;
      while (cut > 1 && !fits(word.slice(0, cut))) cut--;
      if (current !== '') lines.push(current);
      lines.push(word.slice(0, cut));
      current = '';
      word = word.slice(cut);
    }
    const next = current === '' ? word : `${current} ${word}`;
    if (fits(next)) current = next;
    else {
      lines.push(current);
      current = word;
    }
  }
  lines.push(current === '' ? '-' : current);
  return lines;
}

/** The image for a box: null when the record has none, 'unreadable' when its bytes are no JPEG or PNG pdf-lib can read. */
async function embed(pdf: PDFDocument, bytes: Uint8Array | undefined): Promise<PDFImage | null | 'unreadable'> {
  if (!bytes) return null;
  const kind = sniffDocumentKind(bytes);
  // pdf-lib reads a JPEG through its whole ArrayBuffer, ignoring the view's offset: a small Node
  // Buffer (a slice of the shared pool, as the document store hands them) must be copied out first.
  const own = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : new Uint8Array(bytes);
  try {
    if (kind === 'jpeg') return await pdf.embedJpg(own);
    if (kind === 'png') return await pdf.embedPng(own);
  } catch {
    // A damaged image must not cost the customer the form: its box says so and stays empty.
  }
  return 'unreadable';
}

/** The record's application form, as PDF bytes. */
export async function applicationFormPdf(record: KycRecord, images: FormImages = {}): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(winAnsi(`KYC application form ${record.customerReference ?? ''}`.trim()));
  pdf.setCreator('KYC Desk');
  // A fixed date keeps the same record's form the same bytes (no clock in the document).
  pdf.setCreationDate(new Date(0));
  pdf.setModificationDate(new Date(0));
  const writer = new Writer(pdf, await pdf.embedFont(StandardFonts.Helvetica), await pdf.embedFont(StandardFonts.HelveticaBold));
  writer.title('KYC application form (individual)');
  writer.row('Customer reference', record.customerReference ?? '');
  writer.box('Photograph', await embed(pdf, images.photo), 110, 130);
  for (const [title, rows] of formLines(record)) {
    writer.heading(title);
    for (const [label, value] of rows) writer.row(label, value);
  }
  writer.heading('Signatures');
  writer.box('Signature of the applicant (as captured)', await embed(pdf, images.signature), 240, 80);
  writer.box('Signature of the applicant (sign here)', null, 240, 60);
  writer.box('Verified by: name, employee code, signature and date', null, 320, 60);
  return pdf.save({ useObjectStreams: true });
}
