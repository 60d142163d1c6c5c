// ESLint (flat config) for the browser scripts in templates/assets: plain scripts joined by the
// build (generator/site/assets.py, BUNDLES), no modules, no bundler; they run from file:// as well.
"use strict";

const js = require("@eslint/js");
const globals = require("globals");

module.exports = [
  {
    files: ["templates/assets/**/*.js"],
    ...js.configs.recommended,
    languageOptions: {
      ecmaVersion: 2017,
      sourceType: "script",
      globals: {
        ...globals.browser,
        L: "readonly", // Leaflet (leaflet.js)
        vis: "readonly", // vis-network (vis-network.js)
        KTS: "readonly" // the scripts' namespace: defined in js/common/lib.js, added to by the parts
      }
    }
  },
  {
    files: ["eslint.config.js"],
    ...js.configs.recommended,
    languageOptions: { ecmaVersion: 2022, sourceType: "commonjs", globals: globals.node }
  }
];
