import zlib from 'node:zlib';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, type PDFRef } from 'pdf-lib';

/**
 * What a PDF shows, read back without a PDF renderer: pdf-lib loads the file (so it parses), each
 * page's content streams are inflated with zlib, and the text operators' strings are decoded
 * (pdf-lib writes standard-font text as hex strings, `<48656C6C6F> Tj`; literal `(…) Tj` are read
 * too). Good enough to prove a name is on a page, or that a number is not.
 */
export interface PdfPageText {
  /** Each text operator's string, in drawing order. */
  strings: string[];
  /** The page's text joined with newlines. */
  text: string;
  /** Images drawn on the page (its XObject images). */
  images: number;
}

function streamBytes(stream: PDFRawStream): Uint8Array {
  const filter = stream.dict.lookup(PDFName.of('Filter'));
  const raw = stream.getContents();
  return filter === PDFName.of('FlateDecode') ? zlib.inflateSync(raw) : raw;
}

function decodeLiteral(body: string): string {
  return body.replace(/\\([nrtbf()\\]|[0-7]{1,3})/g, (_, escaped: string) => {
    const simple: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', '(': '(', ')': ')', '\\': '\\' };
    return simple[escaped] ?? String.fromCharCode(parseInt(escaped, 8));
  });
}

function textOperators(content: string): string[] {
  const out: string[] = [];
  for (const match of content.matchAll(/<([0-9A-Fa-f\s]*)>\s*Tj|\(((?:\\.|[^\\)])*)\)\s*Tj/g)) {
    if (match[1] !== undefined) out.push(Buffer.from(match[1].replace(/\s/g, ''), 'hex').toString('latin1'));
    else out.push(decodeLiteral(match[2] ?? ''));
  }
  return out;
}

export async function pdfPages(bytes: Uint8Array): Promise<{ pdf: PDFDocument; pages: PdfPageText[] }> {
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
  const pages = pdf.getPages().map((page): PdfPageText => {
    const contents = page.node.Contents();
    const streams: PDFRawStream[] = [];
    if (contents instanceof PDFArray) {
      for (let i = 0; i < contents.size(); i++) {
        const item = pdf.context.lookup(contents.get(i) as PDFRef);
        if (item instanceof PDFRawStream) streams.push(item);
      }
    } else if (contents instanceof PDFRawStream) streams.push(contents);
    const strings = streams.flatMap((stream) => textOperators(Buffer.from(streamBytes(stream)).toString('latin1')));
    const xObjects = page.node.Resources()?.lookup(PDFName.of('XObject'));
    let images = 0;
    if (xObjects instanceof PDFDict) {
      for (const value of xObjects.values()) {
        const object = pdf.context.lookup(value);
        if (object instanceof PDFRawStream && object.dict.lookup(PDFName.of('Subtype')) === PDFName.of('Image')) images++;
      }
    }
    return { strings, text: strings.join('\n'), images };
  });
  return { pdf, pages };
}
