/**
 * Charts for Word: each SVG chart drawn once as a PNG with resvg (no browser needed), when the
 * report is made, so downloads only copy bytes.
 */
import { Resvg } from '@resvg/resvg-js';
import type { Block, DocumentModel } from './document-model.js';

/** Wide enough to stay sharp on a printed A4 page at Word's 16 cm width. */
const PNG_WIDTH = 1200;

export function chartPng(svg: string): { base64: string; width: number; height: number } {
  const rendered = new Resvg(svg, {
    fitTo: { mode: 'width', value: PNG_WIDTH },
    font: { loadSystemFonts: true, defaultFontFamily: 'Arial' },
    background: '#ffffff',
  }).render();
  return {
    base64: rendered.asPng().toString('base64'),
    width: rendered.width,
    height: rendered.height,
  };
}

/** The model with every chart drawn as a PNG beside its SVG. */
export function withChartImages(model: DocumentModel): DocumentModel {
  const blocks = model.blocks.map((b): Block =>
    b.kind === 'chart' && !b.png ? { ...b, png: chartPng(b.svg) } : b,
  );
  return { ...model, blocks };
}
