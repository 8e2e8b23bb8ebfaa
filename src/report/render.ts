/**
 * One entry point from a report to any format, so `audit` and `report merge`
 * print the same thing for the same report. Each formatter is loaded when
 * its format is asked for (SARIF reads the ESLint plugin's rule metadata;
 * nobody else needs to load it).
 */
import type { ChalkInstance } from 'chalk';
import type { PricedReport } from './model.js';

export const reportFormats = ['text', 'json', 'markdown', 'sarif', 'html'] as const;
export type ReportFormat = (typeof reportFormats)[number];

export interface RenderOptions {
  /** Colours for the text format (plain by default). */
  readonly chalk?: ChalkInstance;
  /** SARIF paths are relative to this directory (the repository root in CI). */
  readonly srcRoot?: string;
}

export async function renderReport(report: PricedReport, format: ReportFormat, options: RenderOptions = {}): Promise<string> {
  switch (format) {
    case 'text': {
      const [{ formatText }, { Chalk }] = await Promise.all([import('./text.js'), import('chalk')]);
      return formatText(report, options.chalk ?? new Chalk({ level: 0 }));
    }
    case 'json':
      return JSON.stringify(report, null, 2) + '\n';
    case 'markdown':
      return (await import('./markdown.js')).formatMarkdown(report);
    case 'sarif':
      return (await import('./sarif.js')).formatSarif(report, { srcRoot: options.srcRoot });
    case 'html':
      return (await import('./html.js')).formatHtml(report);
  }
}
