'use strict';
/**
 * eslintrc resolves `plugins: ['gpt-image-migrate']` and
 * `extends: ['plugin:gpt-image-migrate/…']` to a package named
 * `eslint-plugin-gpt-image-migrate`: this one. The plugin itself is
 * gpt-image-migrate's (an ES module, which Node >= 20.19 loads with require),
 * so lint and `gpt-image-migrate audit` run the same engine.
 */
module.exports = require('gpt-image-migrate/eslint-plugin').default;
