/**
 * A report as Sendboard writes it, before it becomes Word or HTML: numbered sections of
 * numbered paragraphs and tables, in the shape of a council committee report. Pure data, so
 * every renderer shows the same words and tests read them without opening a file.
 */
export type Block =
  | { kind: 'section'; number: string; text: string }
  | { kind: 'subheading'; text: string }
  | { kind: 'paragraph'; number: string | null; text: string }
  | { kind: 'list'; items: string[] }
  | {
      kind: 'table';
      caption: string;
      columns: string[];
      rows: string[][];
      /** Relative widths of the columns, for Word; HTML lets the browser decide. */
      widths: number[];
    }
  | {
      kind: 'chart';
      caption: string;
      /** The chart as Sendboard draws it, shown as is on a page. */
      svg: string;
      /** What the chart shows, for screen readers and Word's alternative text. */
      alt: string;
      /** The chart as a PNG (base64) for Word, drawn once when the report is made (charts.ts). */
      png?: { base64: string; width: number; height: number };
    };

export type DocumentModel = {
  title: string;
  /** Lines under the title: who, what, when. */
  subtitle: string[];
  blocks: Block[];
  footer: string;
};

/** Numbers sections 1, 2, 3… and each section's paragraphs 1.1, 1.2… as committee reports do. */
export class NumberedWriter {
  readonly blocks: Block[] = [];
  private section = 0;
  private paragraph = 0;

  heading(text: string): this {
    this.section++;
    this.paragraph = 0;
    this.blocks.push({ kind: 'section', number: String(this.section), text });
    return this;
  }

  subheading(text: string): this {
    this.blocks.push({ kind: 'subheading', text });
    return this;
  }

  para(text: string): this {
    this.paragraph++;
    this.blocks.push({ kind: 'paragraph', number: `${this.section}.${this.paragraph}`, text });
    return this;
  }

  /** A paragraph that continues the one before without a number of its own. */
  plain(text: string): this {
    this.blocks.push({ kind: 'paragraph', number: null, text });
    return this;
  }

  list(items: string[]): this {
    if (items.length) this.blocks.push({ kind: 'list', items });
    return this;
  }

  chart(caption: string, svg: string, alt: string): this {
    this.blocks.push({ kind: 'chart', caption, svg, alt });
    return this;
  }

  table(caption: string, columns: string[], rows: string[][], widths: number[]): this {
    this.blocks.push({ kind: 'table', caption, columns, rows, widths });
    return this;
  }
}
