/**
 * The do-it-yourself path the benchmark compares with: a jscodeshift
 * transform as a team would write it in an afternoon. It renames
 * `model: 'gpt-image-1'` (and the other retired ids) string literals to
 * 'gpt-image-2' and nothing else: no params, no constants, no comparisons,
 * no Markdown or .env. Like most hand-written transforms it parses every
 * file it is given (no text prefilter).
 */
const RETIRED = new Set(['gpt-image-1', 'gpt-image-1-mini', 'gpt-image-1.5', 'chatgpt-image-latest', 'dall-e-2', 'dall-e-3']);

module.exports = function transform(file, api) {
  const j = api.jscodeshift;
  const root = j(file.source);
  let changed = false;
  root
    .find(j.ObjectProperty)
    .filter((p) => {
      const { key, value } = p.node;
      const name = key.type === 'Identifier' ? key.name : key.type === 'StringLiteral' ? key.value : null;
      return name === 'model' && value.type === 'StringLiteral' && RETIRED.has(value.value);
    })
    .forEach((p) => {
      p.node.value = j.stringLiteral('gpt-image-2');
      changed = true;
    });
  return changed ? root.toSource({ quote: 'single' }) : undefined;
};

module.exports.parser = 'tsx';
