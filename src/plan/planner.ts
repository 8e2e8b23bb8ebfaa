/**
 * The planner: the only place that decides what is reported and what is
 * rewritten. It reads the catalog and a file's view and returns findings,
 * each with the edits `fix` applies and, for manual items, a suggestion.
 * The ESLint rules, the transforms and the audit only translate this output.
 */
import { surfaceInfo, type MigrationOptions } from '../catalog/index.js';
import type { FileContext, FileView } from '../analysis/view.js';
import { allowed, assertedKey, idFinding, INSERTED_MODEL, NO_MODEL, packageAssertedKey, uncoveredIds, type Binding, type Finding, type Link } from './finding.js';
import { requestLabel } from './occurrences.js';
import { requestBlock } from './request-blocks.js';
import type { ImageRequest } from '../analysis/view.js';
import { planOccurrence, planTemplateModel } from './occurrences.js';
import { planFileChecks, planForm, planParams } from './params.js';
import { gateByRole, roleOf } from './roles.js';
import { byCodeUnits } from '../text/order.js';

export * from './finding.js';

const noContext: FileContext = { fileName: null, project: null };

/** Plans a code file from its view. */
export function planView(view: FileView, text: string, options: MigrationOptions, context: FileContext = noContext): Finding[] {
  return planViewWithLinks(view, text, options, context).findings;
}

/** The plan of a code file, with the values it shares with other files (for the repository pass of the CLI). */
export function planViewWithLinks(view: FileView, text: string, options: MigrationOptions, context: FileContext = noContext): { findings: Finding[]; links: Link[] } {
  const findings: Finding[] = [];
  const links: Link[] = [];
  for (const occurrence of view.occurrences) findings.push(withBindings(planOccurrence(occurrence, view, options, context, text), occurrence.bindings));
  for (const request of view.requests) {
    const shared = request.model.bindings ?? [];
    const params = planParams(request, text, options, context, view);
    const blocked = blockOf(request, options, context, view);
    for (const key of shared) {
      links.push({ key, role: blocked ? 'blocks' : 'feeds', range: request.request.range, why: blocked ?? `${requestLabel(request, options)} reads it (${request.provider.kind === 'known' ? request.provider.evidence : ''})` });
    }
    findings.push(...params.map((finding) => (shared.length > 0 ? { ...finding, bindings: [...(finding.bindings ?? []), ...shared.map((key) => ({ key, role: 'feeds' as const }))] } : finding)));
  }
  for (const form of view.forms) findings.push(...planForm(form, text, options, view));
  for (const template of view.templateModels) {
    const finding = planTemplateModel(template, options, text);
    if (finding) findings.push(finding);
  }
  findings.push(...planFileChecks(view, options, context, text));
  findings.push(...mentions(text, findings, options));
  const role = roleOf(context, text);
  const root = context.project && context.fileName ? context.project.packageRoot(context.fileName) : '';
  const gated = gateByRole(allowed(findings, options), role);
  if (role.role === 'test') {
    // what a test asserts pins the files it imports (directly or through them), not its whole package
    const pinned = context.project && context.fileName ? context.project.importClosure(context.fileName) : [];
    for (const file of pinned) {
      for (const occurrence of view.occurrences) {
        if (occurrence.asserted) links.push({ key: assertedKey(file, occurrence.match.spelled), role: 'blocks', range: occurrence.range, why: `a test that imports it asserts '${occurrence.match.spelled}'` });
      }
      for (const range of view.assertsRequestWithoutModel) links.push({ key: assertedKey(file, NO_MODEL), role: 'blocks', range, why: 'a test that imports it expects an image request with exactly these params, no model among them' });
    }
  }
  const out = role.role === 'source' ? gated.map((finding) => coupleToTests(finding, context.fileName ?? '', root)) : gated;
  return { findings: out.sort((a, b) => a.range[0] - b.range[0] || byCodeUnits(a.rule, b.rule)), links };
}

/** An edit of application code must agree with the tests that import it: it is tied to the ids they assert. */
function coupleToTests(finding: Finding, file: string, root: string): Finding {
  const pending = finding.bindings?.some((b) => b.role === 'pending') ?? false;
  if (!pending && (finding.fix !== 'auto' || finding.edits.length === 0)) return finding;
  const keys = (finding.bindings ?? []).filter((b) => b.key === INSERTED_MODEL).length > 0 ? [NO_MODEL] : [];
  if (finding.model) keys.push(finding.model);
  const bindings = [
    ...(finding.bindings ?? []).filter((b) => b.key !== INSERTED_MODEL),
    ...keys.flatMap((id) => [
      { key: assertedKey(file, id), role: 'feeds' as const },
      { key: packageAssertedKey(root, id), role: 'feeds' as const },
    ]),
  ];
  return { ...finding, bindings };
}

/** Why a request's model must not change, whatever other files say: its provider is not known, it is an Azure deployment, its types reject the target. */
function blockOf(request: ImageRequest, options: MigrationOptions, context: FileContext, view: FileView): string | null {
  if (request.provider.kind === 'foreign') return `${requestLabel(request, options)} goes to ${request.provider.vendor} (${request.provider.evidence})`;
  if (request.provider.kind === 'unknown') return `${requestLabel(request, options)} reads it, and ${request.provider.why}`;
  if (surfaceInfo(request.surface, options.registry).deploymentNames) return `${requestLabel(request, options)} reads it as an Azure deployment name`;
  const blocked = requestBlock(request, options, context, view);
  return blocked ? `${requestLabel(request, options)} reads it, and ${blocked}` : null;
}

/** Ties an id's finding to the values it shares: an edit feeds them, a setting waits for them, a manual API argument blocks them. */
function withBindings(finding: Finding, keys: readonly string[] | undefined): Finding {
  if (!keys || keys.length === 0) return finding;
  const role: Binding['role'] | null =
    finding.fix === 'auto'
      ? 'feeds'
      : (finding.role === 'setting' || finding.role === 'other') && finding.suggestion
        ? 'pending'
        : finding.role === 'api-argument' || finding.role === 'deployment'
          ? 'blocks'
          : null;
  return role ? { ...finding, bindings: keys.map((key) => ({ key, role })) } : finding;
}

/** A string's opening quote and a provider prefix right before an id: `"openai:`, `'openai-responses:`. */
const PROVIDER_PREFIXED = /['"`]([a-z][\w.-]*):$/;

/**
 * Ids the code names outside any finding (a comment, a log message, a longer
 * string): info, never rewritten, so every line that names a retired id is
 * in the audit. ESLint, which has no info level, does not report them.
 */
function mentions(text: string, findings: readonly Finding[], options: MigrationOptions): Finding[] {
  const out: Finding[] = [];
  for (const { match, range } of uncoveredIds(text, findings)) {
    const start = range[0];
    // `"openai:dall-e-3"`, `'openai-responses:gpt-image-1'`: a framework's provider prefix (genaiscript, pydantic-ai), a model as much as the bare id
    const prefixed = PROVIDER_PREFIXED.exec(text.slice(Math.max(0, start - 40), start));
    if (prefixed && /^['"`]/.test(text.slice(range[1], range[1] + 1))) {
      const spelled = `${prefixed[1]}:${options.target}`;
      out.push(
        idFinding(
          { match, range, idRange: range },
          'other',
          'unknown',
          'manual',
          `a model spelled with a framework's provider prefix ('${prefixed[1]}:${match.spelled}'); where the code sends it, it calls the retired model. Use '${spelled}' if that provider lists it.`,
          options,
        ),
      );
      continue;
    }
    out.push(
      idFinding({ match, range, idRange: range }, 'doc', 'unknown', 'manual', 'a mention in a comment or a longer string; update it when the code has moved.', options, {
        severity: 'info',
      }),
    );
  }
  return out;
}
